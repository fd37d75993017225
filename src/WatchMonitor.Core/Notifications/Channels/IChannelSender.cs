using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Channels;

/// <summary>A queued message as its destination's loop read it: an event, or a Discord embed queued by an earlier version.</summary>
public sealed record PendingNotification(QueuedMessage Message, NotificationEvent? Event, DiscordEmbed? LegacyEmbed);

/// <summary>
/// Formats and posts notifications for one kind of destination (docs/notifications.md#channels) and says what the
/// answer means in the outcomes every delivery loop handles the same way: delivered, rate limited, refused for good,
/// destination gone, or a transient failure.
/// </summary>
public interface IChannelSender
{
    DestinationKind Kind { get; }

    /// <summary>Whether this channel can post <paramref name="notification"/> at all; one it cannot is dead-lettered.</summary>
    bool CanSend(PendingNotification notification);

    /// <summary>How many of <paramref name="due"/>, from the first, go out in one post (at least one).</summary>
    int CountForOnePost(DeliveryDestination destination, IReadOnlyList<PendingNotification> due);

    Task<WebhookPostResult> SendAsync(DeliveryDestination destination, IReadOnlyList<PendingNotification> batch, CancellationToken cancellationToken);
}
