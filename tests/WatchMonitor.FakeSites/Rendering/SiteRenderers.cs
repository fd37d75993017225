namespace WatchMonitor.FakeSites.Rendering;

/// <summary>The six fake dealers, in the monitor's site order.</summary>
public static class SiteRenderers
{
    public static IReadOnlyList<SiteRenderer> All { get; } =
    [
        new WorldOfTimeRenderer(),
        new GrimmeissenRenderer(),
        new TropicalWatchRenderer(),
        new JuwelierExchangeRenderer(),
        new WatchOutRenderer(),
        new RueschenbeckRenderer(),
    ];

    public static IReadOnlyList<string> Keys { get; } = All.Select(renderer => renderer.Key).ToArray();

    /// <exception cref="KeyNotFoundException">No fake site has that key.</exception>
    public static SiteRenderer Get(string key) =>
        All.FirstOrDefault(renderer => string.Equals(renderer.Key, key, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No fake site '{key}'. Known: {string.Join(", ", Keys)}.");
}
