using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.Shopify;

namespace WatchMonitor.Core.Tests.Sites.Platforms;

public sealed class ShopifyAdapterTests
{
    private const string BaseUrl = "https://www.chrono-shop.example";

    private static readonly ShopifyAdapter Adapter = new(PlatformSites.Define("chrono_shop", "Chrono Shop", "shopify", BaseUrl, "/collections/neu"));

    [Theory]
    [InlineData("https://shop.example/collections/neu", "https://shop.example/collections/neu/products.json?limit=250")]
    [InlineData("https://shop.example/collections/neu/?sort_by=created-descending", "https://shop.example/collections/neu/products.json?limit=250")]
    [InlineData("https://shop.example/collections/all#top", "https://shop.example/collections/all/products.json?limit=250")]
    [InlineData("https://shop.example/collections/neu/products.json", "https://shop.example/collections/neu/products.json?limit=250")]
    public void ProductsJsonUrl_CollectionUrl_IsItsProductsJson(string listingUrl, string expected) =>
        Assert.Equal(expected, ShopifyAdapter.ProductsJsonUrl(listingUrl));

    [Fact]
    public void ParseListings_SavedProductsJson_SkipsSoldAndHandlelessProducts()
    {
        var listings = Parse();

        Assert.Equal(7, listings.Count);
        Assert.DoesNotContain(listings, l => l.Url.Contains("gmt-master", StringComparison.Ordinal));
        Assert.DoesNotContain(listings, l => l.Title == "Geschenkgutschein");
        Assert.All(listings, l => Assert.StartsWith(BaseUrl + "/products/", l.Url, StringComparison.Ordinal));
        Assert.All(listings, l => Assert.Equal("chrono_shop", l.SiteKey));
    }

    [Fact]
    public void ParseListings_ProductWithSpecificationList_ReadsEveryField()
    {
        var listing = ByHandle("rolex-submariner-date-116610ln");

        Assert.Equal("Rolex Submariner Date 116610LN", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner Date 116610LN", listing.Model);
        Assert.Equal("116610LN", listing.Reference);
        Assert.Equal(12_500m, listing.Price);
        Assert.Equal("€12.500", listing.PriceDisplay);
        Assert.Equal("2019", listing.Year);
        Assert.Equal("Edelstahl", listing.CaseMaterial);
        Assert.Equal("40mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal("https://cdn.shopify.com/s/files/1/0700/1111/files/submariner-1.jpg?v=1764493902", listing.ImageUrl);
        Assert.Equal("rolex|submariner date 116610ln|116610ln|1250000|2019|edelstahl", CompositeId.BuildKey(CompositeIdInputs.From(listing)));
    }

    [Fact]
    public void ParseListings_ShopAsVendorAndSalePrice_TakesBrandFromTitleAndCurrentPrice()
    {
        var listing = ByHandle("omega-speedmaster-professional-moonwatch");

        Assert.Equal("Omega", listing.Brand);
        Assert.Equal("Speedmaster Professional Moonwatch", listing.Model);
        Assert.Equal(6_490m, listing.Price);
        Assert.Null(listing.Reference);
        Assert.Equal("Steel", listing.CaseMaterial);
        Assert.Equal("42mm", listing.Diameter);
        Assert.False(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal("https://cdn.shopify.com/s/files/1/0700/1111/files/speedmaster.jpg?v=1764493903", listing.ImageUrl);
    }

    [Fact]
    public void ParseListings_ZeroPrice_IsPriceOnRequestWithSkuFromTitle()
    {
        var listing = ByHandle("patek-philippe-nautilus-5711-1a");

        Assert.Equal("Patek Philippe", listing.Brand);
        Assert.Equal("Nautilus 5711/1A", listing.Model);
        Assert.Null(listing.Price);
        Assert.Null(listing.PriceDisplay);
        Assert.Equal("5711/1A", listing.Reference);
        Assert.Equal("2018", listing.Year);
        Assert.Equal("patek philippe|nautilus 5711/1a|5711/1a|2018", CompositeId.BuildKey(CompositeIdInputs.From(listing)));
    }

    [Fact]
    public void ParseListings_FirstVariantSold_TakesTheFirstAvailableVariant()
    {
        var listing = ByHandle("tudor-black-bay-fifty-eight-79030n");

        Assert.Equal(3_690m, listing.Price);
        Assert.Equal("79030N", listing.Reference);
        Assert.Null(listing.ImageUrl);
    }

    [Theory]
    [InlineData("jaeger-lecoultre-reverso-classic-medium", "Jaeger-LeCoultre", "Reverso Classic Medium")]
    [InlineData("a-lange-soehne-saxonia-thin", "A. Lange & Söhne", "Saxonia Thin")]
    [InlineData("cartier-santos-wssa0018", "Cartier", "Santos de Cartier Large WSSA0018")]
    public void ParseListings_VendorSpellings_AreCanonicalBrands(string handle, string brand, string model)
    {
        var listing = ByHandle(handle);

        Assert.Equal(brand, listing.Brand);
        Assert.Equal(model, listing.Model);
    }

    [Fact]
    public void ParseListings_LineBreaksInDescription_ReadsEachLabel()
    {
        var listing = ByHandle("jaeger-lecoultre-reverso-classic-medium");

        Assert.Equal("2016", listing.Year);
        Assert.Equal(ConditionRater.ThreeStars, listing.Condition);
        Assert.Equal("Edelstahl", listing.CaseMaterial);
    }

    [Fact]
    public void ParseListings_NoVariants_IsListedWithoutPrice()
    {
        var listing = ByHandle("cartier-santos-wssa0018");

        Assert.Null(listing.Price);
        Assert.Equal("cartier|santos de cartier large wssa0018", CompositeId.BuildKey(CompositeIdInputs.From(listing)));
    }

    [Fact]
    public void ParseListings_OtherCurrency_KeepsTheSiteCurrency()
    {
        var adapter = new ShopifyAdapter(PlatformSites.Define("zeit_ch", "Zeit", "shopify", "https://zeit.example", "/collections/neu", currency: "CHF"));

        var listing = adapter.ParseListings(FixturePages.Read("Platforms/Shopify", "products.json"), "https://zeit.example")[0];

        Assert.Equal("CHF", listing.Currency);
        Assert.Equal("12.500 CHF", listing.PriceDisplay);
    }

    [Fact]
    public void ParseListings_IdsAreStableAcrossParses()
    {
        Assert.Equal(Parse().Select(l => l.CompositeId), Parse().Select(l => l.CompositeId));
        Assert.Equal(7, Parse().Select(l => l.CompositeId).Distinct().Count());
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Just a moment…</body></html>")]
    [InlineData("{\"products\": [")]
    [InlineData("{\"errors\": \"Not Found\"}")]
    public void ParseListings_NotProductsJson_ThrowsPageFormatException(string page) =>
        Assert.Throws<PageFormatException>(() => Adapter.ParseListings(page, BaseUrl));

    [Fact]
    public void ApplyDetails_ProductJson_FillsWhatTheListingLacks()
    {
        var listing = Adapter.CreateBareListing(BaseUrl + "/products/x");
        var id = listing.CompositeId;

        Adapter.ApplyDetails(listing, """{"product": {"body_html": "<p>Baujahr: 1972</p><p>Zustand: getragen</p>"}}""", BaseUrl);

        Assert.Equal("1972", listing.Year);
        Assert.Equal(ConditionRater.TwoStars, listing.Condition);
        Assert.Equal(id, listing.CompositeId);
    }

    [Fact]
    public async Task FetchDetailsAsync_AnyListing_FetchesNothing()
    {
        var listing = Adapter.CreateBareListing(BaseUrl + "/products/x");

        await Adapter.FetchDetailsAsync(new NoFetcher(), listing, SiteEndpoints.Defaults(Adapter.Site), CancellationToken.None);
    }

    private static ListingPage Parse() => Adapter.ParseListings(FixturePages.Read("Platforms/Shopify", "products.json"), BaseUrl);

    private static Listing ByHandle(string handle) => Assert.Single(Parse(), l => l.Url == BaseUrl + "/products/" + handle);

    private sealed class NoFetcher : IPageFetcher
    {
        public Task<string> GetStringAsync(string url, CancellationToken cancellationToken) => throw new InvalidOperationException("No request expected: " + url);
    }
}
