using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Tells the operator once when a dealer's page stops yielding listings (it probably changed its layout) and once
/// when it recovers: an error log, and a message on that site's webhook through the outbox.
/// </summary>
public sealed partial class LayoutAlerts(
    IReadOnlyList<MonitoredSite> sites,
    Outbox outbox,
    IDeliveryWaker waker,
    MonitorOptions options,
    TimeProvider timeProvider,
    ILogger<LayoutAlerts> logger)
{
    public async Task RaiseAsync(IReadOnlyList<LayoutChangeResult> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var entries = new List<OutboxEntry>(changes.Count);
        var now = timeProvider.GetUtcNow();
        foreach (var change in changes)
        {
            var site = sites.First(candidate => candidate.Key == change.SiteKey);
            var flagged = change.Transition == LayoutChangeTransition.Flagged;
            if (flagged)
            {
                Log.Suspected(logger, site.Key, change.ListingCount, change.TypicalCount, change.LowCycles, site.Endpoints.ListingUrl);
            }
            else
            {
                Log.Recovered(logger, site.Key, change.ListingCount);
            }

            if (!options.EnableNotifications || site.WebhookUrl is null)
            {
                continue;
            }

            var embed = new DiscordEmbed
            {
                Title = flagged ? $"⚠️ {site.Definition.DisplayName}: the page may have changed" : $"✅ {site.Definition.DisplayName}: listings are back",
                Description = flagged
                    ? string.Create(CultureInfo.InvariantCulture, $"The listing page loads but yields {change.ListingCount} listings (usually about {change.TypicalCount:F0}) for {change.LowCycles} cycles. New watches may be missed until the parser is updated; check with `watchmon parse --site {site.Key} --listing <saved page>`.")
                    : string.Create(CultureInfo.InvariantCulture, $"The listing page yields {change.ListingCount} listings again."),
                Url = site.Endpoints.ListingUrl,
                Color = site.Definition.Color,
            };
            var marker = string.Create(CultureInfo.InvariantCulture, $"{change.Transition}-{now.ToUnixTimeSeconds()}");
            entries.Add(OutboxEntry.Create(site.Key, marker, OutboxEntryKind.LayoutAlert, JsonSerializer.Serialize(embed, DiscordJsonContext.Default.DiscordEmbed), now));
        }

        if (entries.Count > 0)
        {
            await outbox.EnqueueAsync(entries, cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                waker.Wake(entry.SiteKey);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: the listing page loads but yielded {ListingCount} listings (usually {TypicalCount:F0}) for {LowCycles} cycles: the dealer probably changed its layout. Save {ListingUrl} and check it with 'watchmon parse --site {Site} --listing <file>'.")]
        public static partial void Suspected(ILogger logger, string site, int listingCount, double typicalCount, int lowCycles, string listingUrl);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: listings are back ({ListingCount}); the layout-change warning is cleared")]
        public static partial void Recovered(ILogger logger, string site, int listingCount);
    }
}
