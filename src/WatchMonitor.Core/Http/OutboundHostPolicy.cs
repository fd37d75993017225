using System.Collections.Frozen;
using WatchMonitor.Configuration;

namespace WatchMonitor.Http;

/// <summary>
/// The hosts of the configured dealer URLs, exchange-rate API and webhooks; a host and its <c>www.</c> twin count as
/// one. Anything else (a hostile page pointing at the local network) is refused.
/// </summary>
public sealed class OutboundHostPolicy
{
    private readonly FrozenSet<string> _hosts;

    public OutboundHostPolicy(IEnumerable<string?> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        _hosts = urls
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsWeb(uri) ? Normalize(uri.IdnHost) : null)
            .OfType<string>()
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The normalized hosts (without <c>www.</c>) requests may go to.</summary>
    public IReadOnlyCollection<string> Hosts => _hosts;

    public static OutboundHostPolicy From(MonitorOptions options, IReadOnlyList<MonitoredSite> sites, IEnumerable<string?>? destinations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sites);
        return new OutboundHostPolicy(sites
            .SelectMany(site => new[] { site.Endpoints.ListingUrl, site.Endpoints.BaseUrl, site.Endpoints.ProductsJsonUrl, site.WebhookUrl })
            .Append(options.ExchangeRateApiUrl)
            .Concat(destinations ?? []));
    }

    public bool Allows(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri && IsWeb(uri) && _hosts.Contains(Normalize(uri.IdnHost));
    }

    private static bool IsWeb(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp;

    private static string Normalize(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
