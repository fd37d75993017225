using WatchMonitor.Sites.Platforms.Selectors;
using WatchMonitor.Sites.Platforms.Shopify;
using WatchMonitor.Sites.Platforms.Shopware;
using WatchMonitor.Sites.Platforms.WooCommerce;

namespace WatchMonitor.Sites.Platforms;

/// <summary>The shop platforms a site can be configured on (<c>Sites:&lt;key&gt;:Platform</c>).</summary>
public static class SitePlatforms
{
    public const string Shopify = "shopify";
    public const string WooCommerce = "woocommerce";
    public const string Shopware = "shopware";
    public const string Selectors = "selectors";

    public static IReadOnlyList<string> All { get; } = [Shopify, WooCommerce, Shopware, Selectors];

    /// <summary>"Shopify" → "shopify"; null when it is no platform.</summary>
    public static string? Normalize(string? platform) =>
        All.FirstOrDefault(known => string.Equals(known, platform?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The adapter of a configured site; <paramref name="selectors"/> is required for <see cref="Selectors"/>.</summary>
    public static SiteAdapter Create(string platform, SiteDefinition site, SelectorSet? selectors)
    {
        ArgumentNullException.ThrowIfNull(site);
        return platform switch
        {
            Shopify => new ShopifyAdapter(site),
            WooCommerce => new WooCommerceAdapter(site),
            Shopware => new ShopwareAdapter(site),
            Selectors => new SelectorsAdapter(site, selectors ?? throw new ArgumentException("A selectors site needs its selectors.", nameof(selectors))),
            _ => throw new ArgumentException($"'{platform}' is no platform; use one of: {string.Join(", ", All)}.", nameof(platform)),
        };
    }
}
