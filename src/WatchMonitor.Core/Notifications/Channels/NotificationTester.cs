using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Channels;

/// <summary>Sends one sample listing, marked as a test, to a destination and says what it answered (<c>watchmon notify-test</c>).</summary>
public sealed class NotificationTester(ChannelSenders senders, DestinationBoard board, TimeProvider timeProvider)
{
    public async Task<WebhookPostResult> SendSampleAsync(DestinationAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var destination = board.Find(address.Key) ?? new DeliveryDestination(address, "--to", [], null, () => { });
        var sample = Sample(timeProvider.GetUtcNow());
        var message = new QueuedMessage(0, address.Key, sample.Site, sample.Listing!.Id, NotificationKind.NewListing, sample.ToJson(), sample.DetectedAt, 0, sample.DetectedAt, NotificationEvent.Format);
        return await senders.For(address.Kind).SendAsync(destination, [new PendingNotification(message, sample, null)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"🧪 TEST: Rolex Submariner Date | 126610LN" at €12.345, linking to an example page.</summary>
    public static NotificationEvent Sample(DateTimeOffset now) => new()
    {
        Kind = EventKinds.New,
        Site = "notify-test",
        SiteName = "Watch Monitor test",
        Color = 0x95A5A6,
        DetectedAt = now,
        Test = true,
        Listing = new EventListing
        {
            Id = "notify-test",
            Url = "https://example.org/watchmon-notify-test",
            Title = "Rolex Submariner Date | 126610LN",
            Brand = "Rolex",
            Model = "Submariner Date",
            Reference = "126610LN",
            Price = 12_345m,
            Currency = "EUR",
            PriceDisplay = "€12.345",
            Year = "2023",
            Chrono24 = Chrono24Link.For("Rolex", "Submariner Date", "126610LN"),
        },
    };
}
