using WatchMonitor.Configuration;
using WatchMonitor.Sites.Platforms;

namespace WatchMonitor.Sites;

/// <summary>The built-in adapters, one per <see cref="SiteCatalog"/> entry; registration is explicit on purpose.</summary>
public static class SiteAdapters
{
    public static IReadOnlyList<SiteAdapter> CreateAll() => [.. SiteCatalog.All.Select(site => Create(site.Key)!)];

    /// <summary>The built-in adapter of <paramref name="siteKey"/>, built alone; null when no built-in site has that key.</summary>
    public static SiteAdapter? Create(string siteKey) => siteKey switch
    {
        "worldoftime" => new WorldOfTime.WorldOfTimeAdapter(),
        "grimmeissen" => new Grimmeissen.GrimmeissenAdapter(),
        "tropicalwatch" => new TropicalWatch.TropicalWatchAdapter(),
        "juwelier_exchange" => new JuwelierExchange.JuwelierExchangeAdapter(),
        "watch_out" => new WatchOut.WatchOutAdapter(),
        "rueschenbeck" => new Rueschenbeck.RueschenbeckAdapter(),
        _ => null,
    };

    /// <summary>One adapter per site of this run: the built-in one, or the platform adapter of a configured site.</summary>
    public static IReadOnlyList<SiteAdapter> CreateAll(IEnumerable<MonitoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return [.. sites.Select(For)];
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
