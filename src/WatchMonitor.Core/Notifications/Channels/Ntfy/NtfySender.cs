using System.Net.Http.Headers;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Channels.Ntfy;

/// <summary>
/// <c>ntfy://</c> and <c>ntfys://</c>: publishes as JSON to the server (the topic in the body), title and price and
/// link in the message, the link as click action and the picture as attachment URL.
/// </summary>
public sealed class NtfySender(ChannelHttp http) : IChannelSender
{
    public DestinationKind Kind => DestinationKind.Ntfy;

    public bool CanSend(PendingNotification notification) => notification?.Event is not null;

    public int CountForOnePost(DeliveryDestination destination, IReadOnlyList<PendingNotification> due) => 1;

    public async Task<WebhookPostResult> SendAsync(DeliveryDestination destination, IReadOnlyList<PendingNotification> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batch);
        var address = destination.Address;
        var notification = batch[0].Event!;
        var link = NotificationText.Link(notification);
        var body = JsonBody.Write(json =>
        {
            json.WriteString("topic", address.Topic);
            json.WriteString("title", NotificationText.Title(notification));
            json.WriteString("message", string.Join('\n', new[] { NotificationText.Summary(notification), NotificationText.Source(notification), link }.Where(line => !string.IsNullOrEmpty(line))));
            json.Optional("click", link);
            json.Optional("attach", notification.Listing?.Image);
            json.WriteStartArray("tags");
            json.WriteStringValue(notification.Test ? "test_tube" : "watch");
            json.WriteEndArray();
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address.Endpoint!, ".")) { Content = ChannelHttp.Json(body) };
        if (address.AccessToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, address.Masked, cancellationToken).ConfigureAwait(false);
    }
}
