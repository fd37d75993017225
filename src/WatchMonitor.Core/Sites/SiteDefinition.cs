namespace WatchMonitor.Sites;

/// <summary>
/// The fixed facts of one dealer (docs/dealers.md); URLs here are defaults that configuration may override.
/// <paramref name="Platform"/> is set for a site defined in configuration (see <c>Platforms.SitePlatforms</c>).
/// </summary>
public sealed record SiteDefinition(
    string Key,
    string DisplayName,
    int Color,
    string Currency,
    string DefaultListingUrl,
    string DefaultBaseUrl,
    string WebhookEnvironmentVariable,
    string? DefaultProductsJsonUrl = null,
    string? Platform = null);
