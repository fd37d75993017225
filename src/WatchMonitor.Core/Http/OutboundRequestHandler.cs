using System.Net;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.Http;

/// <summary>
/// The last handler before the socket: refuses hosts <see cref="OutboundHostPolicy"/> does not allow and follows
/// GET/HEAD redirects itself, checking each target (the socket handler would follow them anywhere). Logs hosts only:
/// a webhook URL's path is its secret.
/// </summary>
public sealed partial class OutboundRequestHandler(
    OutboundHostPolicy policy,
    ILogger<OutboundRequestHandler> logger,
    int maxRedirects) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!policy.Allows(uri))
        {
            Log.Refused(logger, HostOf(uri));
            throw new OutboundRequestRefusedException(
                $"Refused a request to {HostOf(uri)}: not a configured dealer, exchange-rate API or webhook host.");
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            return response;
        }

        var current = request;
        for (var hop = 0; hop < maxRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location; hop++)
        {
            var from = current.RequestUri!;
            var target = location.IsAbsoluteUri ? location : new Uri(from, location);
            if (!policy.Allows(target) || (from.Scheme == Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttps))
            {
                response.Dispose();
                Log.RedirectRefused(logger, HostOf(from), HostOf(target));
                throw new OutboundRequestRefusedException(
                    $"{HostOf(from)} redirected to {HostOf(target)}, which is not a configured host (or not https); the redirect was not followed.");
            }

            response.Dispose();
            current = Follow(current, target);
            response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static HttpRequestMessage Follow(HttpRequestMessage previous, Uri target)
    {
        var next = new HttpRequestMessage(previous.Method, target)
        {
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,
        };
        foreach (var (name, values) in previous.Headers)
        {
            next.Headers.TryAddWithoutValidation(name, values);
        }

        return next;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string HostOf(Uri uri) => uri.IsAbsoluteUri ? uri.Scheme + "://" + uri.Authority : "(relative URI)";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Host}: it is not the host of a configured dealer URL, EXCHANGE_RATE_API_URL or a webhook. A page linked or redirected there; if a dealer moved, set Sites__<key>__ListingUrl and Sites__<key>__BaseUrl to its new address.")]
        public static partial void Refused(ILogger logger, string host);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Host} redirected to {Target}, which is not a configured host (or leaves https); not followed. If the dealer moved, set Sites__<key>__ListingUrl and Sites__<key>__BaseUrl to its new address.")]
        public static partial void RedirectRefused(ILogger logger, string host, string target);
    }
}
