using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using WatchMonitor.Notifications.Discord;

namespace WatchMonitor.Notifications.Channels;

/// <summary>
/// Posts one request for a channel and classifies the answer by its status: 2xx delivered, 429 rate limited (with
/// Retry-After), 401/403/404/410 destination gone, any other 4xx refused, 5xx and network errors transient.
/// </summary>
public sealed partial class ChannelHttp(HttpClient httpClient, ILogger<ChannelHttp> logger)
{
    private const int MaxBodyCharacters = 2048;

    /// <param name="masked">The destination as it may be logged.</param>
    /// <param name="classify">Reads a channel's own error body (Telegram's retry_after), given status and body; null for the status rule.</param>
    public async Task<WebhookPostResult> SendAsync(HttpRequestMessage request, string masked, CancellationToken cancellationToken, Func<int, string, WebhookPostResult?>? classify = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
            if (classify?.Invoke(status, body) is { } special)
            {
                return special;
            }

            return response.StatusCode switch
            {
                _ when response.IsSuccessStatusCode => new WebhookPostResult(WebhookPostOutcome.Delivered, status),
                HttpStatusCode.TooManyRequests => new WebhookPostResult(WebhookPostOutcome.RateLimited, status, RetryAfter(response) ?? TimeSpan.FromSeconds(5), Reason: body),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                    new WebhookPostResult(WebhookPostOutcome.WebhookGone, status, Reason: body),
                HttpStatusCode.RequestTimeout => new WebhookPostResult(WebhookPostOutcome.TransientFailure, status, Reason: body),
                _ when status is >= 400 and < 500 => new WebhookPostResult(WebhookPostOutcome.Rejected, status, Reason: body),
                _ => new WebhookPostResult(WebhookPostOutcome.TransientFailure, status, Reason: body),
            };
        }
        catch (HttpRequestException exception)
        {
            Log.NetworkError(logger, masked, exception.Message);
            return new WebhookPostResult(WebhookPostOutcome.TransientFailure, Reason: exception.Message);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.NetworkError(logger, masked, "timed out");
            return new WebhookPostResult(WebhookPostOutcome.TransientFailure, Reason: exception.Message);
        }
    }

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date && response.Headers.Date is { } now)
            {
                return date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero;
            }
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var buffer = new char[MaxBodyCharacters];
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Posting to {Destination} failed: {Reason}. The message stays queued and is retried.")]
        public static partial void NetworkError(ILogger logger, string destination, string reason);
    }
}
