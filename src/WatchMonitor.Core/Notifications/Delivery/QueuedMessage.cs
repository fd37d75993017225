namespace WatchMonitor.Notifications.Delivery;

/// <summary>What a queued message announces.</summary>
public enum NotificationKind
{
    NewListing,
    PriceChange,
    LayoutAlert,
    Digest,
}

/// <summary>One message waiting in a destination's queue.</summary>
/// <param name="Id">The queue's own id for the message.</param>
/// <param name="DestinationKey">The destination that receives it.</param>
/// <param name="SiteKey">The site the message is about.</param>
/// <param name="CompositeId">The listing's id; empty for a layout alert.</param>
/// <param name="Kind">What it announces.</param>
/// <param name="PayloadJson">The payload as stored (for Discord: one embed object); may be unreadable, which the loop dead-letters.</param>
/// <param name="EnqueuedAt">When it was queued.</param>
/// <param name="Attempts">Failed delivery attempts so far.</param>
/// <param name="NextAttemptAt">Not delivered before this time.</param>
/// <param name="Format">How the payload is to be read: a channel-neutral event, or a Discord embed queued by an earlier version.</param>
public sealed record QueuedMessage(
    long Id,
    string DestinationKey,
    string SiteKey,
    string CompositeId,
    NotificationKind Kind,
    string PayloadJson,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string Format = Events.NotificationEvent.LegacyDiscordEmbedFormat);

/// <summary>A delivered message and the id the destination gave it (Discord's message id), when it gave one.</summary>
public readonly record struct DeliveredMessage(long MessageId, string? RemoteMessageId);
