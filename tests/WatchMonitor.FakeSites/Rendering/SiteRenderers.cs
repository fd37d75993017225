using WatchMonitor.Demo.Rendering;
using WatchMonitor.FakeSites.Rendering.Platforms;

namespace WatchMonitor.FakeSites.Rendering;

/// <summary>The six fake dealers, in the monitor's site order, and the fake shops added by configuration.</summary>
public static class SiteRenderers
{
    public static IReadOnlyList<SiteRenderer> All => DealerRenderers.All;

    public static IReadOnlyList<string> Keys { get; } = All.Select(renderer => renderer.Key).ToArray();

    /// <summary>One fake shop per platform; the monitor knows them only from <c>Sites:&lt;key&gt;:Platform</c> settings.</summary>
    public static IReadOnlyList<PlatformShopRenderer> Platforms { get; } =
    [
        new ShopifyShopRenderer(),
        new WooCommerceShopRenderer(),
        new ShopwareShopRenderer(),
        new SelectorsShopRenderer(),
    ];

    /// <summary>Every site the server serves: the built-in dealers, then the platform shops.</summary>
    public static IReadOnlyList<SiteRenderer> Served { get; } = [.. All, .. Platforms];

    public static IReadOnlyList<string> ServedKeys { get; } = Served.Select(renderer => renderer.Key).ToArray();

    /// <exception cref="KeyNotFoundException">No fake site has that key.</exception>
    public static SiteRenderer Get(string key) =>
        Served.FirstOrDefault(renderer => string.Equals(renderer.Key, key, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No fake site '{key}'. Known: {string.Join(", ", ServedKeys)}.");
}
