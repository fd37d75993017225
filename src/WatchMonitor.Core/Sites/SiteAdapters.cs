using WatchMonitor.Configuration;
using WatchMonitor.Sites.Platforms;

namespace WatchMonitor.Sites;

/// <summary>The built-in adapters, one per <see cref="SiteCatalog"/> entry; registration is explicit on purpose.</summary>
public static class SiteAdapters
{
    public static IReadOnlyList<SiteAdapter> CreateAll() =>
    [
        new WorldOfTime.WorldOfTimeAdapter(),
        new Grimmeissen.GrimmeissenAdapter(),
        new TropicalWatch.TropicalWatchAdapter(),
        new JuwelierExchange.JuwelierExchangeAdapter(),
        new WatchOut.WatchOutAdapter(),
        new Rueschenbeck.RueschenbeckAdapter(),
    ];

    public static SiteAdapter? Create(string siteKey) =>
        CreateAll().FirstOrDefault(adapter => string.Equals(adapter.Site.Key, siteKey, StringComparison.Ordinal));

    /// <summary>One adapter per site of this run: the built-in one, or the platform adapter of a configured site.</summary>
    public static IReadOnlyList<SiteAdapter> CreateAll(IEnumerable<MonitoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var builtIn = CreateAll();
        return [.. sites.Select(site => builtIn.FirstOrDefault(adapter => adapter.Site.Key == site.Key) ?? For(site))];
    }

    /// <summary>The adapter of <paramref name="site"/>.</summary>
    public static SiteAdapter For(MonitoredSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Definition.Platform is { } platform
            ? SitePlatforms.Create(platform, site.Definition, site.Selectors)
            : Create(site.Key) ?? throw new ArgumentException($"'{site.Key}' is no built-in site.", nameof(site));
    }
}
