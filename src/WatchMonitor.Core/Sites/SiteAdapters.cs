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
}
