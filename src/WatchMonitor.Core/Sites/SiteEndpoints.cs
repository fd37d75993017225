namespace WatchMonitor.Sites;

/// <summary>Where a site is fetched from this run: the catalog defaults or their configured overrides.</summary>
public sealed record SiteEndpoints(string ListingUrl, string BaseUrl, string? ProductsJsonUrl = null)
{
    public static SiteEndpoints Defaults(SiteDefinition site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new(site.DefaultListingUrl, site.DefaultBaseUrl, site.DefaultProductsJsonUrl);
    }
}
