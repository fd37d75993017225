using System.Text;
using System.Text.Json;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Channels.Telegram;

/// <summary>
/// <c>tgram://&lt;bot-token&gt;/&lt;chat-id&gt;</c>: the picture with a MarkdownV2 caption (sendPhoto), or the text alone
/// when there is no picture or Telegram cannot fetch it. The API base is <c>Notifications:TelegramApiUrl</c>.
/// </summary>
public sealed class TelegramSender(ChannelHttp http, NotificationOptions options) : IChannelSender
{
    private const int CaptionLength = 1024;

    public DestinationKind Kind => DestinationKind.Telegram;

    public bool CanSend(PendingNotification notification) => notification?.Event is not null;

    public int CountForOnePost(DeliveryDestination destination, IReadOnlyList<PendingNotification> due) => 1;

    public async Task<WebhookPostResult> SendAsync(DeliveryDestination destination, IReadOnlyList<PendingNotification> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batch);
        var notification = batch[0].Event!;
        var text = Caption(notification);
        if (notification.Listing?.Image is { } image)
        {
            var photo = await PostAsync(destination, "sendPhoto", json =>
            {
                json.WriteString("photo", image);
                json.WriteString("caption", text);
            }, cancellationToken).ConfigureAwait(false);
            if (photo.Outcome != WebhookPostOutcome.Rejected)
            {
                return photo;
            }
        }

        return await PostAsync(destination, "sendMessage", json =>
        {
            json.WriteString("text", text);
            json.WriteBoolean("disable_web_page_preview", false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Escapes every character MarkdownV2 reserves: "Lange & Söhne (1815)" → "Lange & Söhne \(1815\)".</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            if ("_*[]()~`>#+-=|{}.!\\".Contains(character, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
        }

        return escaped.ToString();
    }

    public static string Caption(Events.NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var title = NotificationText.Title(notification);
        while (true)
        {
            var lines = new List<string>
            {
                "*" + Escape(title) + "*",
                Escape(NotificationText.Summary(notification)),
                "_" + Escape(NotificationText.Source(notification)) + "_",
            };
            if (NotificationText.Link(notification) is { } link)
            {
                lines.Add($"[View listing]({link.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)})");
            }

            var caption = string.Join('\n', lines);
            if (caption.Length <= CaptionLength || title.Length <= 20)
            {
                return caption;
            }

            title = DiscordLimits.Fit(title, Math.Max(20, title.Length - (caption.Length - CaptionLength) - 1));
        }
    }

    private async Task<WebhookPostResult> PostAsync(DeliveryDestination destination, string method, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var address = destination.Address;
        var body = JsonBody.Write(json =>
        {
            json.WriteString("chat_id", address.ChatId);
            json.WriteString("parse_mode", "MarkdownV2");
            write(json);
        });
        var url = new Uri(options.TelegramApiUrl.AbsoluteUri.TrimEnd('/') + "/bot" + address.BotToken + "/" + method);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = ChannelHttp.Json(body) };
        return await http.SendAsync(request, address.Masked, cancellationToken, Classify).ConfigureAwait(false);
    }

    // Telegram says how long to wait in the body (parameters.retry_after), and "chat not found" (400) is a wrong chat id.
    private static WebhookPostResult? Classify(int status, string body)
    {
        if (status == 429)
        {
            return new WebhookPostResult(WebhookPostOutcome.RateLimited, status, RetryAfter(body) ?? TimeSpan.FromSeconds(5), Reason: body);
        }

        return status == 400 && body.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
            ? new WebhookPostResult(WebhookPostOutcome.WebhookGone, status, Reason: body)
            : null;
    }

    private static TimeSpan? RetryAfter(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("parameters", out var parameters)
                && parameters.TryGetProperty("retry_after", out var seconds) && seconds.TryGetDouble(out var value)
                ? TimeSpan.FromSeconds(Math.Max(0, value))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
