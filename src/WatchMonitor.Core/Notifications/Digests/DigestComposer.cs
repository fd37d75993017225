using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Events;

namespace WatchMonitor.Notifications.Digests;

/// <summary>Turns a period's matches into the one event a digest route sends; null when there were none.</summary>
public static class DigestComposer
{
    public static NotificationEvent? Compose(string routeName, IReadOnlyList<DigestLine> entries, int dropped, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return null;
        }

        var total = entries.Count + dropped;
        var text = DigestText.Render(entries, dropped, DiscordLimits.DescriptionLength, out var shown);
        return new NotificationEvent
        {
            Kind = EventKinds.Digest,
            Site = "digest",
            SiteName = "Digest · " + routeName,
            DetectedAt = now,
            Title = DiscordLimits.Fit($"{routeName}: {total} {(total == 1 ? "match" : "matches")} today", DiscordLimits.TitleLength),
            Text = text,
            Entries = [.. entries.Take(shown)],
            More = total - shown,
        };
    }
}
