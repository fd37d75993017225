using WatchMonitor.Notifications.Digests;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Events;

namespace WatchMonitor.Notifications.Channels;

/// <summary>The plain-text lines every text channel (ntfy, Telegram, Slack, digests) builds its message from.</summary>
public static class NotificationText
{
    /// <summary>"Rolex Submariner | 16610", marked when it is a test.</summary>
    public static string Title(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return ListingEmbedBuilder.Marked(notification, notification.Headline);
    }

    /// <summary>"€12.500", "Price dropped: €13.000 → €12.500", "Sold / price on request (was €13.000)"; the text of a layout alert.</summary>
    public static string Summary(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Entries is { } entries)
        {
            return DigestText.Render(entries, notification.More ?? 0, DigestText.TextChannelLength);
        }

        if (notification.Listing is not { } listing)
        {
            return notification.Text ?? "";
        }

        var before = notification.PreviousPriceDisplay ?? "?";
        return notification.Kind switch
        {
            EventKinds.PriceDrop => $"Price dropped: {before} → {listing.PriceDisplay ?? "?"}",
            EventKinds.PriceRise => $"Price rose: {before} → {listing.PriceDisplay ?? "?"}",
            EventKinds.Sold => $"Sold / price on request (was {before})",
            _ => listing.PriceDisplay ?? "Price on request",
        };
    }

    /// <summary>The page the message links to.</summary>
    public static string? Link(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.Listing?.Url ?? notification.Link;
    }

    /// <summary>"World of Time" or "World of Time · new".</summary>
    public static string Source(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.SiteName;
    }
}
