using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.Selectors;

namespace WatchMonitor.Core.Tests.Sites.Platforms;

public sealed class SelectorsAdapterTests
{
    private const string BaseUrl = "https://www.uhrenhaus-am-markt.example";

    private static readonly Dictionary<string, string?> Texts = new()
    {
        ["Card"] = "article.watch-tile",
        ["Link"] = "a.watch-tile__link",
        ["Title"] = ".watch-tile__name",
        ["Price"] = ".watch-tile__price",
        ["Image"] = "img.watch-tile__img",
        ["Sold"] = ".watch-tile__sold",
        ["Detail:Reference"] = "dd.facts__ref",
        ["Detail:Year"] = "dd.facts__year",
        ["Detail:Condition"] = "dd.facts__condition",
        ["Detail:CaseMaterial"] = "dd.facts__case",
        ["Detail:Diameter"] = "dd.facts__size",
        ["Detail:Description"] = ".watch-detail__text",
    };

    private static readonly SelectorsAdapter Adapter = Create(Texts);

    [Fact]
    public void ParseListings_SavedListing_SkipsSoldAndLinklessCards()
    {
        var listings = Parse();

        Assert.Equal(5, listings.Count);
        Assert.DoesNotContain(listings, l => l.Url.Contains("explorer", StringComparison.Ordinal));
        Assert.DoesNotContain(listings, l => l.Title.StartsWith("Ankauf", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseListings_FullCard_ReadsEveryField()
    {
        var listing = ByUrl("/uhren/rolex-datejust-36-16234-3312.html");

        Assert.Equal("Rolex Datejust 36 16234", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Datejust 36 16234", listing.Model);
        Assert.Equal(9_450m, listing.Price);
        Assert.Equal("EUR", listing.Currency);
        Assert.Equal(BaseUrl + "/bilder/3312_1.jpg", listing.ImageUrl);
        Assert.Equal("rolex|datejust 36 16234|945000", CompositeId.BuildKey(CompositeIdInputs.From(listing)));
    }

    [Fact]
    public void ParseListings_StruckOutPriceAndLazyImage_TakesTheCurrentPriceAndTheRealImage()
    {
        var listing = ByUrl("/uhren/omega-constellation-1966-3311.html");

        Assert.Equal(2_950m, listing.Price);
        Assert.Equal(BaseUrl + "/bilder/3311_1.jpg", listing.ImageUrl);
    }

    [Fact]
    public void ParseListings_PriceOnRequestWithoutImage_HasNeither()
    {
        var listing = ByUrl("/uhren/patek-philippe-calatrava-3919-3310.html");

        Assert.Null(listing.Price);
        Assert.Null(listing.ImageUrl);
        Assert.Equal("patek philippe|calatrava 3919", CompositeId.BuildKey(CompositeIdInputs.From(listing)));
    }

    [Theory]
    [InlineData("/uhren/cartier-tank-louis-3308.html", "CHF", 4_100, "/bilder/3308_400.jpg")]
    [InlineData("/uhren/seiko-6139-pogue-3307.html", "USD", 1_250, null)]
    public void ParseListings_OtherCurrencies_AreRecognised(string path, string currency, int price, string? image)
    {
        var listing = ByUrl(path);

        Assert.Equal(currency, listing.Currency);
        Assert.Equal(price, listing.Price);
        Assert.Equal(image is null ? null : BaseUrl + image, listing.ImageUrl);
    }

    [Fact]
    public void ParseListings_CardIsItsOwnLink_UsesTheCard()
    {
        var adapter = Create(new Dictionary<string, string?> { ["Card"] = "a.tile", ["Link"] = "a", ["Title"] = "h3", ["Price"] = ".p" });

        var listing = Assert.Single(adapter.ParseListings("""<div><a class="tile" href="/w/1"><h3>Tudor Ranger</h3><span class="p">2.100 €</span></a></div>""", BaseUrl));

        Assert.Equal(BaseUrl + "/w/1", listing.Url);
        Assert.Equal("Tudor", listing.Brand);
    }

    [Fact]
    public void Diagnose_SavedListing_CountsCardsPerSelector()
    {
        var matches = Adapter.Diagnose(FixturePages.Read("Platforms/Selectors", "listing.html"));

        Assert.Equal(7, matches.Cards);
        Assert.Equal(6, matches.MatchedCards["Link"]);
        Assert.Equal(7, matches.MatchedCards["Title"]);
        Assert.Equal(6, matches.MatchedCards["Price"]);
        Assert.Equal(4, matches.MatchedCards["Image"]);
        Assert.Equal(1, matches.MatchedCards["Sold"]);
    }

    [Fact]
    public void ApplyDetails_EveryDetailSelector_FillsDetailsButNotTheId()
    {
        var listing = ByUrl("/uhren/rolex-datejust-36-16234-3312.html");
        var id = listing.CompositeId;

        Adapter.ApplyDetails(listing, FixturePages.Read("Platforms/Selectors", "detail-datejust.html"), BaseUrl);

        Assert.Equal("16234", listing.Reference);
        Assert.Equal("1991", listing.Year);
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        Assert.Equal("Edelstahl / Weißgold", listing.CaseMaterial);
        Assert.Equal("36mm", listing.Diameter);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal(id, listing.CompositeId);
    }

    [Fact]
    public void ApplyDetails_OnlyDescriptionMatches_ReadsItsText()
    {
        var listing = ByUrl("/uhren/omega-constellation-1966-3311.html");

        Adapter.ApplyDetails(listing, FixturePages.Read("Platforms/Selectors", "detail-sparse.html"), BaseUrl);

        Assert.Equal("168.005", listing.Reference);
        Assert.Equal("1966", listing.Year);
        Assert.Equal("Yellow Gold", listing.CaseMaterial);
        Assert.Equal("34mm", listing.Diameter);
        Assert.False(listing.HasBox);
    }

    [Fact]
    public async Task FetchDetailsAsync_NoDetailSelectors_FetchesNothing()
    {
        var adapter = Create(new Dictionary<string, string?> { ["Card"] = "li", ["Link"] = "a", ["Title"] = "h3", ["Price"] = ".p" });

        await adapter.FetchDetailsAsync(new NoFetcher(), adapter.CreateBareListing(BaseUrl + "/x"), SiteEndpoints.Defaults(adapter.Site), CancellationToken.None);
    }

    [Fact]
    public void Parse_MissingUnknownAndBrokenSelectors_NamesEachKey()
    {
        var errors = new List<string>();

        var set = SelectorSet.Parse(
            [new("Card", "li.product"), new("Link", "a[href"), new("Titel", "h3"), new("Price", "")],
            "Sites:shop:Selectors:",
            errors);

        Assert.Null(set);
        Assert.Contains(errors, e => e.StartsWith("Sites:shop:Selectors:Link='a[href' is not a valid CSS selector", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Sites:shop:Selectors:Titel is no selector name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Sites:shop:Selectors:Title is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Sites:shop:Selectors:Price is missing", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("Sites:shop:Selectors:Link is missing", StringComparison.Ordinal));
    }

    private static SelectorsAdapter Create(Dictionary<string, string?> texts)
    {
        var errors = new List<string>();
        var set = SelectorSet.Parse(texts, "Sites:uhrenhaus:Selectors:", errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
        return new SelectorsAdapter(PlatformSites.Define("uhrenhaus", "Uhrenhaus am Markt", "selectors", BaseUrl, "/neu"), set);
    }

    private static ListingPage Parse() => Adapter.ParseListings(FixturePages.Read("Platforms/Selectors", "listing.html"), BaseUrl);

    private static Listing ByUrl(string path) => Assert.Single(Parse(), l => l.Url == BaseUrl + path);

    private sealed class NoFetcher : IPageFetcher
    {
        public Task<string> GetStringAsync(string url, CancellationToken cancellationToken) => throw new InvalidOperationException("No request expected: " + url);
    }
}
