using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Http;

namespace WatchMonitor.Notifications.Discord;

/// <summary>
/// Posts one message with <c>?wait=true</c>, so a 200 means the message is stored, and classifies the answer.
/// </summary>
public sealed partial class DiscordWebhookClient(HttpClient httpClient, ILogger<DiscordWebhookClient> logger)
{
    private const int MaxErrorBodyCharacters = 2048;

    // Discord's error code for a message that no longer exists (an edit of a deleted alert).
    private const string UnknownMessageCode = "10008";

    // A saved message echoes its embeds (at most 6000 characters of text plus JSON); its id is read from this much.
    private const long MaxSuccessBodyBytes = 256 * 1024;

    public Task<WebhookPostResult> PostAsync(string webhookUrl, DiscordMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        return SendAsync(HttpMethod.Post, webhookUrl, WithWait(webhookUrl), message, cancellationToken);
    }

    /// <summary>
    /// Replaces the embeds of a message the webhook posted. A message deleted in Discord comes back as
    /// <see cref="WebhookPostOutcome.Rejected"/> (404 "Unknown Message"), a webhook gone as <see cref="WebhookPostOutcome.WebhookGone"/>.
    /// </summary>
    public Task<WebhookPostResult> EditAsync(string webhookUrl, string messageId, string? threadId, DiscordMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        ArgumentNullException.ThrowIfNull(messageId);
        var query = webhookUrl.IndexOf('?', StringComparison.Ordinal);
        var path = (query < 0 ? webhookUrl : webhookUrl[..query]).TrimEnd('/') + "/messages/" + Uri.EscapeDataString(messageId);
        var url = threadId is null ? path : path + "?thread_id=" + Uri.EscapeDataString(threadId);
        return SendAsync(HttpMethod.Patch, webhookUrl, url, message, cancellationToken);
    }

    private async Task<WebhookPostResult> SendAsync(HttpMethod method, string webhookUrl, string url, DiscordMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(message, DiscordJsonContext.Default.DiscordMessage));
        content.Headers.ContentType = new("application/json");
        try
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            using var response = await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ClassifyAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            Log.NetworkError(logger, SecretMasker.MaskWebhook(webhookUrl), exception.Message);
            return new WebhookPostResult(WebhookPostOutcome.TransientFailure, Reason: exception.Message);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The Discord client's REQUEST_TIMEOUT (RequestTimeoutHandler, on the monitor's clock) cut the post off.
            Log.NetworkError(logger, SecretMasker.MaskWebhook(webhookUrl), "timed out");
            return new WebhookPostResult(WebhookPostOutcome.TransientFailure, Reason: exception.Message);
        }
    }

    internal static string WithWait(string webhookUrl) =>
        webhookUrl + (webhookUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "wait=true";

    private static async Task<WebhookPostResult> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var remaining = IntHeader(response, "X-RateLimit-Remaining");
        var resetAfter = SecondsHeader(response, "X-RateLimit-Reset-After");
        if (response.IsSuccessStatusCode)
        {
            var (messageId, channelId) = await ReadMessageIdAsync(response, cancellationToken).ConfigureAwait(false);
            return new WebhookPostResult(WebhookPostOutcome.Delivered, status, RemainingInWindow: remaining, WindowResetAfter: resetAfter, MessageId: messageId) { ChannelId = channelId };
        }

        var body = await ReadBoundedAsync(response, MaxErrorBodyCharacters, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests:
                var (retryAfter, global) = ParseRateLimitBody(body);
                var wait = retryAfter ?? resetAfter ?? SecondsHeader(response, "Retry-After") ?? TimeSpan.FromSeconds(5);
                global |= string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(Header(response, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);
                return new WebhookPostResult(WebhookPostOutcome.RateLimited, status, wait, global, remaining, resetAfter, body);
            case HttpStatusCode.BadRequest:
                return new WebhookPostResult(WebhookPostOutcome.Rejected, status, Reason: body);
            case HttpStatusCode.NotFound when body.Contains(UnknownMessageCode, StringComparison.Ordinal):
                return new WebhookPostResult(WebhookPostOutcome.Rejected, status, Reason: body);
            case HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new WebhookPostResult(WebhookPostOutcome.WebhookGone, status, Reason: body);
            default:
                return new WebhookPostResult(WebhookPostOutcome.TransientFailure, status, resetAfter, Reason: body);
        }
    }

    private static (TimeSpan? RetryAfter, bool Global) ParseRateLimitBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            TimeSpan? retryAfter = root.TryGetProperty("retry_after", out var value) && value.TryGetDouble(out var seconds)
                ? TimeSpan.FromSeconds(Math.Max(0, seconds))
                : null;
            var global = root.TryGetProperty("global", out var flag) && flag.ValueKind == JsonValueKind.True;
            return (retryAfter, global);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }

    // The 200 of ?wait=true is the saved message; its "id" is what a later edit or delete of the alert needs. The
    // message is saved whatever the body holds, so an unreadable body only loses the id.
    private static async Task<(string? MessageId, string? ChannelId)> ReadMessageIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var bounded = new LengthLimitedStream(stream, MaxSuccessBodyBytes, "Discord's answer");
            using var document = await JsonDocument.ParseAsync(bounded, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? (Text(root, "id"), Text(root, "channel_id")) : (null, null);
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, int maxCharacters, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var buffer = new char[maxCharacters];
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(Header(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    // Discord sends fractional seconds ("0.35"); the Python monitor failed converting them to int.
    private static TimeSpan? SecondsHeader(HttpResponseMessage response, string name) =>
        double.TryParse(Header(response, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Posting to Discord webhook {Webhook} failed: {Reason}. The message stays queued and is retried.")]
        public static partial void NetworkError(ILogger logger, string webhook, string reason);
    }
}
