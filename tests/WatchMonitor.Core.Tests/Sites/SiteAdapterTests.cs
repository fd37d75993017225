using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Sites;

public sealed class SiteAdapterTests
{
    // <div class="card" data-fail><a href="/w/2">: a card whose parse throws.
    private const string Page = """
        <div class="card"><a href="/w/1">one</a></div>
        <div class="card" data-fail><a href="/w/2">two</a></div>
        <div class="card"><span>no link</span></div>
        <div class="card" data-fail><a href="/w/4">four</a></div>
        <div class="card"><a href="/w/5">five</a></div>
        """;

    private readonly CardsAdapter _adapter = new();

    [Fact]
    public void ParseCards_SomeCardsThrow_KeepsTheOthersAndNamesTheFirstFailure()
    {
        var page = _adapter.ParseListings(Page, "https://x");

        Assert.Equal(["https://x/w/1", "https://x/w/5"], page.Select(listing => listing.Url));
        Assert.Equal(2, page.SkippedCount);
        Assert.False(page.AllFailed);
        Assert.Equal("/w/2", page.FirstSkipped!.Url);
        Assert.IsType<InvalidOperationException>(page.FirstSkipped.Exception);
        Assert.Equal("/w/2: InvalidOperationException: parser bug", page.FirstSkipped.Describe());
    }

    [Fact]
    public void ParseCards_EveryCardThrows_AllFailed()
    {
        var page = _adapter.ParseListings("""<div class="card" data-fail></div><div class="card" data-fail></div>""", "https://x");

        Assert.Empty(page);
        Assert.True(page.AllFailed);
        Assert.Equal(2, page.SkippedCount);
        Assert.Equal("an item without a readable link: InvalidOperationException: parser bug", page.FirstSkipped!.Describe());
    }

    [Fact]
    public void ParseCards_NoCards_EmptyButNotFailed()
    {
        var page = _adapter.ParseListings("<p>maintenance</p>", "https://x");

        Assert.Empty(page);
        Assert.False(page.AllFailed);
        Assert.Null(page.FirstSkipped);
    }

    [Fact]
    public void Parse_UrlReaderThrowsToo_SkipsWithoutUrl()
    {
        var collector = new ListingCollector();

        collector.Parse(1, _ => throw new FormatException("bad"), _ => throw new InvalidOperationException("worse"));

        Assert.Equal(1, collector.SkippedCount);
        Assert.Null(collector.FirstSkipped!.Url);
        Assert.IsType<FormatException>(collector.FirstSkipped.Exception);
    }

    [Fact]
    public void Parse_Cancellation_IsNotSwallowed()
    {
        var collector = new ListingCollector();

        Assert.Throws<OperationCanceledException>(() => collector.Parse(1, _ => throw new OperationCanceledException()));
    }

    [Fact]
    public void AddSkipped_SecondPage_AddsCountKeepsFirstFailure()
    {
        var collector = new ListingCollector();
        collector.Parse(1, _ => throw new FormatException("page 1"), _ => "/a");

        collector.AddSkipped(_adapter.ParseListings(Page, "https://x"));

        var page = collector.ToPage();
        Assert.Equal(3, page.SkippedCount);
        Assert.Equal("/a", page.FirstSkipped!.Url);
    }

    private sealed class CardsAdapter : SiteAdapter
    {
        public override SiteDefinition Site => SiteCatalog.Grimmeissen;

        public override ListingPage ParseListings(string pageText, string baseUrl) =>
            ParseCards(pageText, "div.card", card =>
            {
                if (card.HasAttribute("data-fail"))
                {
                    throw new InvalidOperationException("parser bug");
                }

                var href = card.QuerySelector("a")?.GetAttribute("href");
                if (href is null)
                {
                    return null;
                }

                var listing = NewListing(baseUrl + href);
                listing.AssignIdentity();
                return listing;
            });

        public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
        {
        }
    }
}
