using System.Text;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Benchmarks.Sites;

/// <summary>
/// The target "a 300 KB listing page parsed in ≤ 10 ms": a saved listing page whose cards are repeated, each copy
/// with its own detail URLs, until the page is about 300 KB of UTF-8. The saved page itself is the baseline.
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

    [Params("worldoftime", "grimmeissen")]
    public string Site { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _adapter = SiteAdapters.Create(Site) ?? throw new InvalidOperationException($"No adapter for site '{Site}'.");
        _baseUrl = _adapter.Site.DefaultBaseUrl;
        var pages = SavedPages.For(Site);
        _savedPage = SavedPages.Read(pages.Folder, pages.Listing);
        _largePage = Site == SiteCatalog.WorldOfTime.Key
            ? Enlarge(_savedPage, CardRange(_savedPage, "<div class=\"col-6 col-md-4 col-xl-3 mb-5 watch-link\">", "<!-- Skeleton card", endIsExclusive: true), "href=\"/Watches/Details/")
            : Enlarge(_savedPage, CardRange(_savedPage, "<article class=\"watch", "</article>", endIsExclusive: false), "href=\"/de/uhren/");

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

    /// <summary>Repeats the cards until the page is about <see cref="TargetBytes"/>; copy n's links gain an "n-" prefix.</summary>
    private static string Enlarge(string page, Range cards, string linkPrefix)
    {
        var (offset, length) = cards.GetOffsetAndLength(page.Length);
        var block = page.Substring(offset, length);
        var blockBytes = Encoding.UTF8.GetByteCount(block);
        var copies = Math.Max(1, (int)Math.Round((TargetBytes - Encoding.UTF8.GetByteCount(page)) / (double)blockBytes));
        var builder = new StringBuilder(page.Length + (copies * block.Length));
        builder.Append(page, 0, offset + length);
        for (var copy = 1; copy <= copies; copy++)
        {
            builder.Append('\n').Append(block.Replace(linkPrefix, $"{linkPrefix}{copy}-", StringComparison.Ordinal));
        }

        builder.Append(page, offset + length, page.Length - offset - length);
        return builder.ToString();
    }
}
