using System.Text;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Benchmarks.Sites;

/// <summary>
/// The target "a 300 KB listing page parsed in ≤ 10 ms", for every site: a saved listing page whose cards are
/// repeated, each copy with its own detail URLs, until the page is about 300 KB of UTF-8 (Watch Out: its
/// products.json, products repeated with their own handles). The saved page itself is the baseline.
/// </summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[MinColumn, MedianColumn]
public class LargeListingPageBenchmarks
{
    private const int TargetBytes = 300 * 1024;

    private readonly HtmlParser _parser = new(new HtmlParserOptions { IsScripting = false });
    private SiteAdapter _adapter = null!;
    private string _baseUrl = "";
    private string _savedPage = "";
    private string _largePage = "";

    [Params("worldoftime", "grimmeissen", "tropicalwatch", "juwelier_exchange", "watch_out", "rueschenbeck")]
    public string Site { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _adapter = SiteAdapters.Create(Site) ?? throw new InvalidOperationException($"No adapter for site '{Site}'.");
        _baseUrl = _adapter.Site.DefaultBaseUrl;
        var pages = SavedPages.For(Site);
        _savedPage = SavedPages.Read(pages.Folder, pages.Listing);
        _largePage = Site switch
        {
            "worldoftime" => Enlarge(_savedPage, CardRange(_savedPage, "<div class=\"col-6 col-md-4 col-xl-3 mb-5 watch-link\">", "<!-- Skeleton card", endIsExclusive: true), "href=\"/Watches/Details/"),
            "grimmeissen" => Enlarge(_savedPage, CardRange(_savedPage, "<article class=\"watch", "</article>", endIsExclusive: false), "href=\"/de/uhren/"),
            "tropicalwatch" => Enlarge(_savedPage, CardRange(_savedPage, "<li class=\"watch\"", "</ul>", endIsExclusive: true), "href=\"/watches/"),
            // Links are absolute or relative, and all end in the shop's number: ".../rolex-submariner-date-116610ln/JE-24-1187".
            "juwelier_exchange" => Enlarge(_savedPage, CardRange(_savedPage, "<div class=\"cms-listing-col", "<div class=\"cms-element-product-listing-actions", endIsExclusive: true), "/JE-"),
            // The product URL carries brand and model, so each copy gets a query instead: ".../rolex-…-certified-pre-owned?copy=1".
            "rueschenbeck" => Enlarge(_savedPage, CardRange(_savedPage, "<!-- 1: Rolex CPO", "<div class=\"cms-element-product-listing-actions", endIsExclusive: true), "\" data-title=", (prefix, copy) => $"?copy={copy}{prefix}"),
            "watch_out" => Enlarge(_savedPage, ProductsRange(_savedPage), "\"handle\": \"", separator: ",\n"),
            _ => throw new InvalidOperationException($"No 300 KB page is defined for site '{Site}'."),
        };

        var saved = ParseSavedPage().Count;
        var large = Parse300KBPage().Count;
        Console.WriteLine($"// {Site}: saved page {Encoding.UTF8.GetByteCount(_savedPage):N0} bytes, {saved} listings; "
            + $"large page {Encoding.UTF8.GetByteCount(_largePage):N0} bytes, {large} listings");
        if (large <= saved)
        {
            throw new InvalidOperationException($"The enlarged '{Site}' page gave {large} listings, no more than the saved page's {saved}.");
        }
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<Listing> ParseSavedPage() => _adapter.ParseListings(_savedPage, _baseUrl);

    [Benchmark]
    public IReadOnlyList<Listing> Parse300KBPage() => _adapter.ParseListings(_largePage, _baseUrl);

    /// <summary>
    /// Only the AngleSharp DOM of the 300 KB page, built as <c>SiteAdapter.ParseHtml</c> builds it (one reused parser,
    /// no scripting): the share no adapter rule can save.
    /// </summary>
    [Benchmark]
    public int Parse300KBPageDomOnly()
    {
        using var document = _parser.ParseDocument(_largePage);
        return document.Body?.ChildElementCount ?? 0;
    }

    /// <summary>From the first card's start to the end of the last card (or to <paramref name="end"/> itself).</summary>
    private static Range CardRange(string page, string start, string end, bool endIsExclusive)
    {
        var first = page.IndexOf(start, StringComparison.Ordinal);
        var last = endIsExclusive ? page.IndexOf(end, first + 1, StringComparison.Ordinal) : page.LastIndexOf(end, StringComparison.Ordinal);
        if (first < 0 || last < first)
        {
            throw new InvalidOperationException($"The saved page no longer has its cards between '{start}' and '{end}'; update the benchmark.");
        }

        return first..(endIsExclusive ? last : last + end.Length);
    }

    /// <summary>products.json: from the first product's "{" to the last product's "}".</summary>
    private static Range ProductsRange(string json)
    {
        var first = json.IndexOf('{', json.IndexOf("\"products\"", StringComparison.Ordinal));
        var last = json.LastIndexOf('}', json.LastIndexOf(']'));
        return first..(last + 1);
    }

    /// <summary>
    /// Repeats the cards until the page is about <see cref="TargetBytes"/>; in copy n, each <paramref name="linkPrefix"/>
    /// becomes <paramref name="relabel"/>(prefix, n), by default the prefix followed by "n-".
    /// </summary>
    private static string Enlarge(string page, Range cards, string linkPrefix, Func<string, int, string>? relabel = null, string separator = "\n")
    {
        relabel ??= (prefix, copy) => $"{prefix}{copy}-";
        var (offset, length) = cards.GetOffsetAndLength(page.Length);
        var block = page.Substring(offset, length);
        var blockBytes = Encoding.UTF8.GetByteCount(block);
        var copies = Math.Max(1, (int)Math.Round((TargetBytes - Encoding.UTF8.GetByteCount(page)) / (double)blockBytes));
        var builder = new StringBuilder(page.Length + (copies * block.Length));
        builder.Append(page, 0, offset + length);
        for (var copy = 1; copy <= copies; copy++)
        {
            builder.Append(separator).Append(block.Replace(linkPrefix, relabel(linkPrefix, copy), StringComparison.Ordinal));
        }

        builder.Append(page, offset + length, page.Length - offset - length);
        return builder.ToString();
    }
}
