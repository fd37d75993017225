namespace WatchMonitor.Configuration;

/// <summary>Per-site overrides from <c>Sites:&lt;key&gt;:…</c> (environment: <c>Sites__&lt;key&gt;__ListingUrl</c>).</summary>
public sealed class SiteOptions
{
    public string? ListingUrl { get; set; }

    public string? BaseUrl { get; set; }

    /// <summary>Watch Out only: the Shopify products.json URL.</summary>
    public string? ProductsJsonUrl { get; set; }

    /// <summary>The site's Discord webhook; <c>&lt;SITEKEY&gt;_WEBHOOK_URL</c> is read when this is unset. A secret.</summary>
    public string? WebhookUrl { get; set; }

    public bool Enabled { get; set; } = true;
}
