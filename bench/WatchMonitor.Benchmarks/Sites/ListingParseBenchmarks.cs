using BenchmarkDotNet.Attributes;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Benchmarks.Sites;

/// <summary>Each site's saved listing page and one of its detail pages, parsed by the site's adapter.</summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[MinColumn, MedianColumn]
public class ListingParseBenchmarks
{
    private SiteAdapter _adapter = null!;
    private SiteDefinition _site = null!;
    private string _listingPage = "";
    private string _detailPage = "";
    private string _detailUrl = "";

    /// <summary>Sites whose saved pages exist; an adapter still being written has none yet and is skipped.</summary>
    [ParamsSource(nameof(SiteKeys))]
    public string Site { get; set; } = "";

    public static IEnumerable<string> SiteKeys() => SavedPages.AvailableSiteKeys();

    [GlobalSetup]
    public void Setup()
    {
        _adapter = SiteAdapters.Create(Site) ?? throw new InvalidOperationException($"No adapter for site '{Site}'.");
        _site = _adapter.Site;
        var pages = SavedPages.For(Site);
        _listingPage = SavedPages.Read(pages.Folder, pages.Listing);
        _detailPage = SavedPages.Read(pages.Folder, pages.Detail);
        _detailUrl = _site.DefaultBaseUrl + "/benchmark-detail";
        if (ParseListingPage().Count == 0)
        {
            throw new InvalidOperationException($"The saved listing page of '{Site}' gave no listings; the benchmark would measure nothing.");
        }
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<Listing> ParseListingPage() => _adapter.ParseListings(_listingPage, _site.DefaultBaseUrl);

    /// <summary>A listing as the listing page leaves it before enrichment; only its URL matters to the detail rules.</summary>
    [Benchmark]
    public Listing ApplyDetailPage()
    {
        var listing = new Listing { SiteKey = _site.Key, Url = _detailUrl, Currency = _site.Currency };
        _adapter.ApplyDetails(listing, _detailPage, _site.DefaultBaseUrl);
        return listing;
    }
}
