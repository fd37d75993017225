using System.Text;
using WatchMonitor.Configuration;
using WatchMonitor.Sites;

namespace WatchMonitor.Http;

/// <summary>
/// Fetches dealer pages through the shared "dealer" HTTP pipeline (retries, timeouts, pooled connections) and
/// caps the body size while streaming, so a hostile or broken server cannot make the monitor buffer 50 MB.
/// </summary>
public sealed class PageFetcher(HttpClient httpClient, MonitorOptions options) : IPageFetcher
{
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
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var maxBytes = options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new ResponseTooLargeException(
                $"{url} announced {response.Content.Headers.ContentLength} bytes, more than MAX_RESPONSE_SIZE_MB={options.MaxResponseSizeMb}; not downloaded.");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var limited = new LengthLimitedStream(body, maxBytes, url);
        using var reader = new StreamReader(limited, EncodingOf(response), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
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
