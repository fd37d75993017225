using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.Shopware;

namespace WatchMonitor.Core.Tests.Sites.Platforms;

public sealed class ShopwareAdapterTests
{
    private const string BaseUrl = "https://www.uhrenkontor.example";

    private static readonly ShopwareAdapter Adapter = new(PlatformSites.Define("uhrenkontor", "Uhrenkontor", "shopware", BaseUrl, "/neuheiten"));

    [Fact]
    public void ParseListings_SavedListing_SkipsSoldAndLinklessCards()
    {
        var listings = Parse();

        Assert.Equal(5, listings.Count);
        Assert.DoesNotContain(listings, l => l.Url.Contains("royal-oak", StringComparison.Ordinal));
        Assert.DoesNotContain(listings, l => l.Title.Contains("Werbebanner", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseListings_ProductInformation_GivesTitleBrandModelPriceAndLargestImage()
    {
        var listing = ByUrl(BaseUrl + "/rolex-submariner-date-126610ln/UK-1001");

        Assert.Equal("Rolex Submariner Date 126610LN", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner Date 126610LN", listing.Model);
        Assert.Equal(13_450m, listing.Price);
        Assert.Equal("€13.450", listing.PriceDisplay);
        Assert.Equal("https://www.uhrenkontor.example/thumbnail/a1/submariner_1920x1920.webp", listing.ImageUrl);
        Assert.Equal("rolex|submariner date 126610ln|1345000", CompositeId.BuildKey(CompositeIdInputs.From(listing)));
    }

    [Fact]
    public void ParseListings_ListPriceBesideSalePrice_TakesTheCurrentPriceAndLazyImage()
    {
        var listing = ByUrl(BaseUrl + "/omega-speedmaster-moonwatch/UK-1002");

        Assert.Equal(6_290m, listing.Price);
        Assert.Equal(BaseUrl + "/media/b2/speedmaster_800x800.jpg", listing.ImageUrl);
    }

    [Fact]
    public void ParseListings_PriceOnRequest_HasNoPrice()
    {
        var listing = ByUrl(BaseUrl + "/patek-philippe-aquanaut-5167a/UK-1003");

        Assert.Null(listing.Price);
        Assert.Equal("Patek Philippe", listing.Brand);
        Assert.Equal("Aquanaut 5167A", listing.Model);
    }

    [Fact]
    public void ParseListings_FrancPriceWithoutImage_KeepsCurrency()
    {
        var listing = ByUrl(BaseUrl + "/breitling-navitimer-b01/UK-1005");

        Assert.Equal("CHF", listing.Currency);
        Assert.Equal(7_450m, listing.Price);
        Assert.Equal("7.450 CHF", listing.PriceDisplay);
        Assert.Null(listing.ImageUrl);
    }

    [Fact]
    public void ParseListings_NoProductInformation_TitleFromNameLinkAndBrandInsideTitle()
    {
        var listing = ByUrl(BaseUrl + "/herrenuhr-iwc-portugieser/UK-1006");

        Assert.Equal("Herrenuhr IWC Portugieser Chronograph IW371605", listing.Title);
        Assert.Equal("IWC", listing.Brand);
        Assert.Equal("Portugieser Chronograph IW371605", listing.Model);
        Assert.Equal(7_990m, listing.Price);
    }

    [Fact]
    public void ParsePage_Pagination_ReportsTheLastPageAndEveryCard()
    {
        var (_, cardUrls, lastPage) = Adapter.ParsePage(FixturePages.Read("Platforms/Shopware", "listing.html"), BaseUrl);

        Assert.Equal(2, lastPage);
        Assert.Equal(6, cardUrls.Count);
    }

    [Fact]
    public async Task FetchListingsAsync_TwoPages_ReadsBothAndStopsAtARepeatedPage()
    {
        var page1 = FixturePages.Read("Platforms/Shopware", "listing.html");
        var page2 = page1.Replace("UK-100", "UK-200", StringComparison.Ordinal);
        var fetcher = new PagesFetcher(new Dictionary<string, string>
        {
            [BaseUrl + "/neuheiten"] = page1,
            [BaseUrl + "/neuheiten?p=2"] = page2,
        });

        var listings = await Adapter.FetchListingsAsync(fetcher, SiteEndpoints.Defaults(Adapter.Site), CancellationToken.None);

        Assert.Equal(10, listings.Count);
        Assert.Equal([BaseUrl + "/neuheiten", BaseUrl + "/neuheiten?p=2"], fetcher.Requested);
    }

    [Fact]
    public void ApplyDetails_JsonLdAndPropertiesTable_FillsDetailsButNotTheId()
    {
        var listing = ByUrl(BaseUrl + "/rolex-submariner-date-126610ln/UK-1001");
        var id = listing.CompositeId;

        Adapter.ApplyDetails(listing, FixturePages.Read("Platforms/Shopware", "detail-submariner.html"), BaseUrl);

        Assert.Equal("126610LN", listing.Reference);
        Assert.Equal("2023", listing.Year);
        Assert.Equal(ConditionRater.FiveStars, listing.Condition);
        Assert.Equal("Edelstahl", listing.CaseMaterial);
        Assert.Equal("41mm", listing.Diameter);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal(id, listing.CompositeId);
    }

    [Fact]
    public void ApplyDetails_DescriptionOnly_ReadsLabelsAndProse()
    {
        var listing = Adapter.CreateBareListing(BaseUrl + "/herrenuhr-iwc-portugieser/UK-1006");

        Adapter.ApplyDetails(listing, FixturePages.Read("Platforms/Shopware", "detail-no-jsonld.html"), BaseUrl);

        Assert.Equal("Herrenuhr IWC Portugieser Chronograph IW371605", listing.Title);
        Assert.Equal("IWC", listing.Brand);
        Assert.Equal("IW371605", listing.Reference);
        Assert.Equal("2015", listing.Year);
        Assert.Equal("Steel", listing.CaseMaterial);
        Assert.Equal("41mm", listing.Diameter);
        Assert.Equal(ConditionRater.ThreeStars, listing.Condition);
        Assert.False(listing.HasBox);
        Assert.False(listing.HasPapers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><h1>Wartung</h1></body></html>")]
    public void ParseListings_NoProductBoxes_IsEmpty(string page) => Assert.Empty(Adapter.ParseListings(page, BaseUrl));

    private static ListingPage Parse() => Adapter.ParseListings(FixturePages.Read("Platforms/Shopware", "listing.html"), BaseUrl);

    private static Listing ByUrl(string url) => Assert.Single(Parse(), l => l.Url == url);

    private sealed class PagesFetcher(Dictionary<string, string> pages) : IPageFetcher
    {
        public List<string> Requested { get; } = [];

        public Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
        {
            Requested.Add(url);
            return Task.FromResult(pages.TryGetValue(url, out var page) ? page : pages.Values.Last());
        }
    }
}
