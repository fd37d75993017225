namespace WatchMonitor.FakeSites;

/// <summary>Where the monitor finds one fake site.</summary>
/// <param name="ListingUrl">The listing page; for Watch Out the HTML collection page (its fallback).</param>
/// <param name="BaseUrl">What relative links resolve against: the site's root, e.g. http://127.0.0.1:5080/worldoftime.</param>
/// <param name="ProductsJsonUrl">Watch Out only: the Shopify products.json URL.</param>
/// <param name="WebhookUrl">The site's fake Discord webhook.</param>
public sealed record FakeSiteUrls(string Key, string ListingUrl, string BaseUrl, string? ProductsJsonUrl, string WebhookUrl);
