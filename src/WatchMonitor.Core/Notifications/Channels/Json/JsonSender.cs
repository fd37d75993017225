using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Channels.Json;

/// <summary><c>json://</c> and <c>jsons://</c>: POSTs the event object itself (docs/notifications.md#the-event-object).</summary>
public sealed class JsonSender(ChannelHttp http) : IChannelSender
{
    public DestinationKind Kind => DestinationKind.Json;

    public bool CanSend(PendingNotification notification) => notification?.Event is not null;

    public int CountForOnePost(DeliveryDestination destination, IReadOnlyList<PendingNotification> due) => 1;

    public Task<WebhookPostResult> SendAsync(DeliveryDestination destination, IReadOnlyList<PendingNotification> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batch);
        var request = new HttpRequestMessage(HttpMethod.Post, destination.Address.Endpoint) { Content = ChannelHttp.Json(batch[0].Event!.ToJson()) };
        return SendDisposingAsync(request, destination.Address.Masked, cancellationToken);
    }

    private async Task<WebhookPostResult> SendDisposingAsync(HttpRequestMessage request, string masked, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await http.SendAsync(request, masked, cancellationToken).ConfigureAwait(false);
        }
    }
}
