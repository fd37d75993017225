using Microsoft.Extensions.Configuration;
using WatchMonitor.Sites;

namespace WatchMonitor.Configuration;

/// <summary>
/// Resolves every built-in site against configuration (URL overrides, webhook, enabled, SKIP_SITES), then adds
/// the valid sites defined in configuration (<see cref="ConfiguredSites"/>).
/// </summary>
public static class MonitoredSites
{
    public static IReadOnlyList<MonitoredSite> Resolve(IConfiguration configuration, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var skipped = options.SkippedSiteKeys;
        var result = new List<MonitoredSite>(SiteCatalog.All.Count);
        foreach (var site in SiteCatalog.All)
        {
            var section = configuration.GetSection("Sites").GetSection(site.Key);
            var overrides = new SiteOptions();
            section.Bind(overrides);
            var endpoints = new SiteEndpoints(
                NonEmpty(overrides.ListingUrl) ?? site.DefaultListingUrl,
                NonEmpty(overrides.BaseUrl) ?? site.DefaultBaseUrl,
                NonEmpty(overrides.ProductsJsonUrl) ?? site.DefaultProductsJsonUrl);
            var webhook = NonEmpty(overrides.WebhookUrl) ?? NonEmpty(configuration[site.WebhookEnvironmentVariable]);
            result.Add(new MonitoredSite(site, endpoints, webhook, overrides.Enabled && !skipped.Contains(site.Key)));
        }

        result.AddRange(ConfiguredSites.Read(configuration, skipped).Sites);
        return result;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
