using System.Globalization;
using System.Net;
using System.Text;
using WatchMonitor.Configuration;
using WatchMonitor.Sites;

namespace WatchMonitor.Http;

/// <summary>
/// Fetches dealer pages, capping the decompressed body while streaming (a gzip bomb stops at the cap) and bounding
/// each attempt, body included, by REQUEST_TIMEOUT; every failure is an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class PageFetcher(HttpClient httpClient, MonitorOptions options, TimeProvider? timeProvider = null) : IPageFetcher
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    public async Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            return await FetchAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Polly.Timeout.TimeoutRejectedException or TaskCanceledException or TimeoutException
            && !cancellationToken.IsCancellationRequested)
        {
            // Callers treat every failed fetch alike (fallbacks, site failure); a timeout is one of them, not a shutdown.
            throw new HttpRequestException($"{url} timed out after REQUEST_TIMEOUT and its retries.", exception);
        }
    }

    private async Task<string> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var fetchStarted = _timeProvider.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAsync(request, url, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(Describe(url, response), null, response.StatusCode);
        }

        var maxBytes = options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new ResponseTooLargeException(
                $"{url} announced {response.Content.Headers.ContentLength} bytes, more than MAX_RESPONSE_SIZE_MB={options.MaxResponseSizeMb}; not downloaded.");
        }

        // The retry pipeline's timeout ends with the headers; the body gets what is left of the same attempt.
        var attemptStarted = response.RequestMessage?.Options.TryGetValue(AttemptClockHandler.AttemptStarted, out var stamped) == true
            ? stamped
            : fetchStarted;
        var left = options.RequestTimeout - _timeProvider.GetElapsedTime(attemptStarted);
        using var deadline = new CancellationTokenSource(TimeSpan.FromTicks(Math.Clamp(left.Ticks, 0, options.RequestTimeout.Ticks)), _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            using var limited = new LengthLimitedStream(body, maxBytes, url);
            using var reader = new StreamReader(limited, EncodingOf(response), detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"{url} timed out: the body was still arriving after REQUEST_TIMEOUT ({options.RequestTimeoutSeconds:0.#} s)."),
                exception);
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A connection reset or a response cut short mid-body: the same weather as a failed request.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"{url}: the connection broke while the body was read ({exception.Message}).", exception);
        }
        catch (InvalidDataException exception)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"{url}: the compressed body is corrupt ({exception.Message}).", exception);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (exception.StatusCode is null && exception is not ResponseTooLargeException)
        {
            // "An error occurred while sending the request." names neither the page nor the cause; the inner one does.
            var message = exception.InnerException switch
            {
                IOException inner => $"{url}: the connection broke before the answer was complete ({inner.Message}).",
                { } inner => $"{url}: {inner.Message}",
                null => $"{url}: {exception.Message}",
            };
            throw new HttpRequestException(exception.HttpRequestError, message, exception);
        }
    }

    private static string Describe(string url, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var answered = string.Create(CultureInfo.InvariantCulture, $"{url} answered {status} {response.ReasonPhrase}.");
        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests => answered
                + " The site refuses the monitor (bot protection or rate limiting): raise CHECK_INTERVAL_SECONDS, check USER_AGENT, and open the URL in a browser from this machine.",
            _ when status is >= 300 and < 400 => answered
                + " It kept redirecting (a redirect loop or a login wall): open the URL in a browser and update the site's URL if it moved.",
            _ => answered,
        };
    }

    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
