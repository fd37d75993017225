using WatchMonitor.Sites;

namespace WatchMonitor.Benchmarks.Sites;

/// <summary>
/// The saved dealer pages of tests/WatchMonitor.Core.Tests/Fixtures, copied next to the benchmark assembly, and
/// which of them each site's benchmarks read.
/// </summary>
internal static class SavedPages
{
    private static readonly Dictionary<string, SitePages> BySite = new(StringComparer.Ordinal)
    {
        [SiteCatalog.WorldOfTime.Key] = new("WorldOfTime", "listing.html", "detail-rolex-gmt-master-1675.html"),
        [SiteCatalog.Grimmeissen.Key] = new("Grimmeissen", "listing.html", "detail-rolex-submariner-date.html"),
        [SiteCatalog.TropicalWatch.Key] = new("TropicalWatch", "listing.html", "detail-1968-rolex-gmt-master-1675.html"),
        [SiteCatalog.JuwelierExchange.Key] = new("JuwelierExchange", "listing.html", "detail-rolex-submariner.html"),
        // products.json is what the monitor reads first; collection.html is only its fallback.
        [SiteCatalog.WatchOut.Key] = new("WatchOut", "products.json", "detail-submariner.html"),
        [SiteCatalog.Rueschenbeck.Key] = new("Rueschenbeck", "listing.html", "detail-submariner.html"),
    };

    /// <summary>The site keys, in catalog order, whose saved listing and detail pages are both present.</summary>
    public static IEnumerable<string> AvailableSiteKeys() =>
        SiteCatalog.All
            .Select(site => site.Key)
            .Where(key => BySite.TryGetValue(key, out var pages) && File.Exists(PathOf(pages.Folder, pages.Listing)) && File.Exists(PathOf(pages.Folder, pages.Detail)));

    public static SitePages For(string siteKey) =>
        BySite.TryGetValue(siteKey, out var pages) ? pages : throw new ArgumentException($"No saved pages are mapped for site '{siteKey}'.", nameof(siteKey));

    public static string Read(string folder, string fileName) => File.ReadAllText(PathOf(folder, fileName));

    private static string PathOf(string folder, string fileName) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, fileName);
}

/// <summary>One site's fixture folder, its listing page and the detail page the benchmarks parse.</summary>
internal sealed record SitePages(string Folder, string Listing, string Detail);
