namespace WatchMonitor.Sites;

/// <summary>The six built-in dealers (docs/dealers.md), in the order the Python monitor ran them.</summary>
public static class SiteCatalog
{
    public static readonly SiteDefinition WorldOfTime = new(
        "worldoftime", "World of Time", 0x2F4F4F, "EUR",
        "https://www.worldoftime.de/Watches/NewArrivals", "https://www.worldoftime.de", "WORLDOFTIME_WEBHOOK_URL");

    public static readonly SiteDefinition Grimmeissen = new(
        "grimmeissen", "Grimmeissen", 0xDAA520, "EUR",
        "https://www.grimmeissen.de/de/uhren", "https://www.grimmeissen.de", "GRIMMEISSEN_WEBHOOK_URL");

    public static readonly SiteDefinition TropicalWatch = new(
        "tropicalwatch", "Tropical Watch", 0x008080, "USD",
        "https://tropicalwatch.com/", "https://tropicalwatch.com", "TROPICALWATCH_WEBHOOK_URL");

    public static readonly SiteDefinition JuwelierExchange = new(
        "juwelier_exchange", "Juwelier Exchange", 0xB08D57, "EUR",
        "https://www.juwelier-exchange.de/uhren", "https://www.juwelier-exchange.de", "JUWELIER_EXCHANGE_WEBHOOK_URL");

    public static readonly SiteDefinition WatchOut = new(
        "watch_out", "Watch Out", 0xC0C0C0, "EUR",
        "https://www.watch-out.shop/collections/neu-eingetroffen?sort_by=created-descending", "https://www.watch-out.shop", "WATCH_OUT_WEBHOOK_URL",
        "https://www.watch-out.shop/collections/neu-eingetroffen/products.json?limit=250");

    public static readonly SiteDefinition Rueschenbeck = new(
        "rueschenbeck", "Rüschenbeck", 0xCFB53B, "EUR",
        "https://www.rueschenbeck.de/vintage-certified-pre-owned", "https://www.rueschenbeck.de", "RUESCHENBECK_WEBHOOK_URL");

    public static IReadOnlyList<SiteDefinition> All { get; } =
        [WorldOfTime, Grimmeissen, TropicalWatch, JuwelierExchange, WatchOut, Rueschenbeck];

    public static SiteDefinition? Find(string key) =>
        All.FirstOrDefault(site => string.Equals(site.Key, key, StringComparison.Ordinal));
}
