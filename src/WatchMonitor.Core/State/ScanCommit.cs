using System.Data.Common;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Events;

namespace WatchMonitor.State;

/// <summary>
/// Everything one scan of one site records, committed in one transaction by <see cref="SeenListings.Commit"/>: the
/// listings still on the page, the new ones and the messages that announce them.
/// </summary>
public sealed class ScanCommit(string siteKey, DateTimeOffset now)
{
    public string SiteKey { get; } = siteKey;

    public DateTimeOffset Now { get; } = now;

    /// <summary>
    /// Checked first inside the commit's transaction: false (another instance holds the site's lease now) rolls the
    /// whole commit back with <see cref="SiteLeaseLostException"/>. Null: always committed.
    /// </summary>
    public Func<DbConnection, DbTransaction, bool>? StillHeld { get; init; }

    /// <summary>Listings already seen, still on the page: their recency, URL and price are refreshed.</summary>
    public List<ListingRecord> StillListed { get; } = [];

    /// <summary>New listings; one with a message is marked seen only if its message fits its destination's queue.</summary>
    public List<NewSeenListing> Added { get; } = [];
}

/// <summary>A listing to mark seen; <paramref name="Alert"/> says how it was handled (baseline, queued, logged, edited).</summary>
/// <param name="Messages">One per destination the listing is routed to; it is marked seen only when each of them is queued or already was.</param>
public sealed record NewSeenListing(ListingRecord Listing, string Alert, IReadOnlyList<OutgoingMessage>? Messages = null, decimal? PreviousPrice = null)
{
    /// <summary>A destination it is routed to takes nothing now: its messages are queued, the listing is not marked seen.</summary>
    public bool Held { get; init; }

    /// <summary>Matches of digest routes, collected for their next digest instead of queued now.</summary>
    public IReadOnlyList<PendingDigestEntry> Digests { get; init; } = [];

    public NewSeenListing(ListingRecord listing, string alert, OutgoingMessage message, decimal? previousPrice = null)
        : this(listing, alert, [message], previousPrice)
    {
    }
}

/// <summary>A message to queue for a destination.</summary>
/// <param name="DedupKey">Unique within the destination's queue; queueing it again changes nothing.</param>
/// <param name="Format">How <paramref name="PayloadJson"/> is to be read: <see cref="NotificationEvent.Format"/>, or a Discord embed of an earlier version.</param>
public sealed record OutgoingMessage(string DestinationKey, string SiteKey, string CompositeId, NotificationKind Kind, string PayloadJson, string DedupKey, string Format = NotificationEvent.Format)
{
    public static OutgoingMessage ForListing(string destinationKey, string siteKey, string compositeId, NotificationKind kind, string payloadJson) =>
        new(destinationKey, siteKey, compositeId, kind, payloadJson, $"{kind}:{compositeId}");
}

/// <summary>What a commit did.</summary>
/// <param name="Queued">Messages now queued, from the start of the added listings with messages.</param>
/// <param name="Refused">Listings with a message that did not fit their destination's queue: not marked seen.</param>
public readonly record struct ScanCommitResult(int Queued, int Refused, int Trimmed);
