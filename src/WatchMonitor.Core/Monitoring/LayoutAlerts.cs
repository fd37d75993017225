using System.Globalization;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Tells the operator once when a dealer's page stops yielding listings (it probably changed its layout) and once
/// when it recovers: an error log, and a message on that site's webhook through its queue.
/// </summary>
public sealed partial class LayoutAlerts(
    IReadOnlyList<MonitoredSite> sites,
    SqliteOutbox outbox,
    IDeliveryWaker waker,
    MonitorOptions options,
    TimeProvider timeProvider,
    ILogger<LayoutAlerts> logger)
{
    public Task RaiseAsync(IReadOnlyList<LayoutChangeResult> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var messages = new List<OutgoingMessage>(changes.Count);
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

            if (DestinationAddress.ForSiteWebhook(site.WebhookUrl) is not { } destination)
            {
                continue;
            }

            var notification = new NotificationEvent
            {
                Kind = EventKinds.Layout,
                Site = site.Key,
                SiteName = site.Definition.DisplayName,
                Color = site.Definition.Color,
                DetectedAt = now,
                Title = flagged ? $"⚠️ {site.Definition.DisplayName}: the page may have changed" : $"✅ {site.Definition.DisplayName}: listings are back",
                Text = flagged
                    ? string.Create(CultureInfo.InvariantCulture, $"The listing page loads but yields {change.ListingCount} listings (usually about {change.TypicalCount:F0}) for {change.LowCycles} cycles. New watches may be missed until the parser is updated; check with `watchmon parse --site {site.Key} --listing <saved page>`.")
                    : string.Create(CultureInfo.InvariantCulture, $"The listing page yields {change.ListingCount} listings again."),
                Link = site.Endpoints.ListingUrl,
            };
            var marker = string.Create(CultureInfo.InvariantCulture, $"{change.Transition}-{now.ToUnixTimeSeconds()}");
            messages.Add(new OutgoingMessage(destination.Key, site.Key, "", NotificationKind.LayoutAlert, notification.ToJson(), $"{NotificationKind.LayoutAlert}:{marker}"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (messages.Count > 0)
        {
            // Past the queue's bound: a full queue is exactly when the operator most needs to hear from the monitor.
            outbox.EnqueueUnbounded(messages);
            foreach (var destination in messages.Select(message => message.DestinationKey).Distinct(StringComparer.Ordinal))
            {
                waker.Wake(destination);
            }
        }

        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: the listing page loads but yielded {ListingCount} listings (usually {TypicalCount:F0}) for {LowCycles} cycles: the dealer probably changed its layout. Save {ListingUrl} and check it with 'watchmon parse --site {Site} --listing <file>'.")]
        public static partial void Suspected(ILogger logger, string site, int listingCount, double typicalCount, int lowCycles, string listingUrl);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: listings are back ({ListingCount}); the layout-change warning is cleared")]
        public static partial void Recovered(ILogger logger, string site, int listingCount);
    }
}
