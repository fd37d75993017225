using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.State;

/// <summary>
/// Everything one scan of one site records, committed in one transaction by <see cref="SeenListings.Commit"/>: the
/// listings still on the page, the new ones and the messages that announce them.
/// </summary>
public sealed class ScanCommit(string siteKey, DateTimeOffset now)
{
    public string SiteKey { get; } = siteKey;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Listings already seen, still on the page: their recency, URL and price are refreshed.</summary>
    public List<ListingRecord> StillListed { get; } = [];

    /// <summary>New listings; one with a message is marked seen only if its message fits its destination's queue.</summary>
    public List<NewSeenListing> Added { get; } = [];
}

/// <summary>A listing to mark seen; <paramref name="Alert"/> says how it was handled (baseline, queued, logged, edited).</summary>
public sealed record NewSeenListing(ListingRecord Listing, string Alert, OutgoingMessage? Message = null, decimal? PreviousPrice = null);

/// <summary>A message to queue for a destination.</summary>
/// <param name="DedupKey">Unique within the destination's queue; queueing it again changes nothing.</param>
public sealed record OutgoingMessage(string DestinationKey, string SiteKey, string CompositeId, NotificationKind Kind, string PayloadJson, string DedupKey)
{
    public static OutgoingMessage ForListing(string destinationKey, string siteKey, string compositeId, NotificationKind kind, string payloadJson) =>
        new(destinationKey, siteKey, compositeId, kind, payloadJson, $"{kind}:{compositeId}");
}

/// <summary>What a commit did.</summary>
/// <param name="Queued">Messages now queued, from the start of the added listings with messages.</param>
/// <param name="Refused">Listings with a message that did not fit their destination's queue: not marked seen.</param>
public readonly record struct ScanCommitResult(int Queued, int Refused, int Trimmed);
