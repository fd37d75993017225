using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.WooCommerce;

namespace WatchMonitor.Core.Tests.Sites.Platforms;

public sealed class WooCommerceAdapterTests
{
    private const string BaseUrl = "https://www.uhren-atelier.example";
    private const string Product = BaseUrl + "/produkt/";

    private static readonly WooCommerceAdapter Adapter = new(PlatformSites.Define("uhren_atelier", "Uhren-Atelier", "woocommerce", BaseUrl, "/shop/"));

    [Theory]
    [InlineData("https://shop.example/shop/", "https://shop.example", "https://shop.example/wp-json/wc/store/v1/products?orderby=date&order=desc&per_page=100")]
    [InlineData("https://shop.example/uhren/", "https://shop.example/blog/", "https://shop.example/blog/wp-json/wc/store/v1/products?orderby=date&order=desc&per_page=100")]
    [InlineData("https://shop.example/wp-json/wc/store/v1/products?category=17", "https://shop.example", "https://shop.example/wp-json/wc/store/v1/products?category=17")]
    public void ProductsUrl_ListingAndBase_IsTheStoreApi(string listingUrl, string baseUrl, string expected) =>
        Assert.Equal(expected, WooCommerceAdapter.ProductsUrl(listingUrl, baseUrl));

    [Fact]
    public void ParseListings_SavedStoreApiAnswer_SkipsOutOfStockAndLinklessProducts()
    {
        var listings = Parse();

        Assert.Equal(6, listings.Count);
        Assert.DoesNotContain(listings, l => l.Url.Contains("daytona", StringComparison.Ordinal));
        Assert.All(listings, l => Assert.StartsWith(Product, l.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void ParseListings_ProductWithAttributes_ReadsEveryField()
    {
        var listing = ByUrl("rolex-gmt-master-ii-126710blro/");

        Assert.Equal("Rolex GMT-Master II 126710BLRO", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("GMT-Master II 126710BLRO", listing.Model);
        Assert.Equal("126710BLRO", listing.Reference);
        Assert.Equal(18_500m, listing.Price);
        Assert.Equal("EUR", listing.Currency);
        Assert.Equal("€18.500", listing.PriceDisplay);
        Assert.Equal("2021", listing.Year);
        Assert.Equal(ConditionRater.FiveStars, listing.Condition);
        Assert.Equal("Edelstahl", listing.CaseMaterial);
        Assert.Equal("40mm", listing.Diameter);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal(BaseUrl + "/wp-content/uploads/2026/11/gmt-1.jpg", listing.ImageUrl);
        Assert.Equal("rolex|gmt-master ii 126710blro|126710blro|1850000|2021|edelstahl", CompositeId.BuildKey(CompositeIdInputs.From(listing)));
    }

    [Fact]
    public void ParseListings_SaleWithBrandsField_TakesSalePriceAndDescriptionFacts()
    {
        var listing = ByUrl("omega-seamaster-diver-300m/");

        Assert.Equal("Omega", listing.Brand);
        Assert.Equal("Seamaster Diver 300M 210.30.42.20.01.001", listing.Model);
        Assert.Equal(4_450m, listing.Price);
        Assert.Equal("2020", listing.Year);
        Assert.Equal("Steel", listing.CaseMaterial);
        Assert.Equal("42mm", listing.Diameter);
        Assert.True(listing.HasBox);
        Assert.False(listing.HasPapers);
    }

    [Fact]
    public void ParseListings_EmptyPrice_IsPriceOnRequest()
    {
        var listing = ByUrl("patek-philippe-calatrava-5196j/");

        Assert.Null(listing.Price);
        Assert.Null(listing.PriceDisplay);
        Assert.Equal("5196J", listing.Reference);
        Assert.Equal("Gelbgold", listing.CaseMaterial);
        Assert.Null(listing.ImageUrl);
    }

    [Theory]
    [InlineData("heuer-autavia-2446/", "USD", 14_500, "$14.500")]
    [InlineData("nomos-tangente-38/", "CHF", 1_890, "1.890 CHF")]
    public void ParseListings_ProductInAnotherCurrency_KeepsItsCurrency(string path, string currency, int price, string display)
    {
        var listing = ByUrl(path);

        Assert.Equal(currency, listing.Currency);
        Assert.Equal(price, listing.Price);
        Assert.Equal(display, listing.PriceDisplay);
    }

    [Fact]
    public void ParseListings_RelativeImageAndTitleYear_AreResolved()
    {
        var listing = ByUrl("heuer-autavia-2446/");

        Assert.Equal("Heuer", listing.Brand);
        Assert.Equal("1968", listing.Year);
        Assert.Equal(BaseUrl + "/wp-content/uploads/2026/10/autavia.jpg", listing.ImageUrl);
    }

    [Fact]
    public void ParseListings_EncodedName_IsDecoded()
    {
        var listing = ByUrl("a-lange-sohne-lange-1/");

        Assert.Equal("A. Lange & Söhne Lange 1", listing.Title);
        Assert.Equal("A. Lange & Söhne", listing.Brand);
        Assert.Equal("Lange 1", listing.Model);
    }

    [Theory]
    [InlineData("<html><body>Wartungsmodus</body></html>")]
    [InlineData("{\"code\": \"rest_no_route\", \"message\": \"Keine Route gefunden\"}")]
    [InlineData("[{\"id\": 1,")]
    public void ParseListings_NotTheStoreApi_ThrowsPageFormatException(string page) =>
        Assert.Throws<PageFormatException>(() => Adapter.ParseListings(page, BaseUrl));

    [Fact]
    public void ApplyDetails_SingleProduct_FillsWhatTheListingLacks()
    {
        var listing = Adapter.CreateBareListing(Product + "x/");
        var id = listing.CompositeId;

        Adapter.ApplyDetails(listing, """{"id": 1, "attributes": [{"name": "Baujahr", "terms": [{"name": "1999"}]}], "description": "<p>Full Set</p>"}""", BaseUrl);

        Assert.Equal("1999", listing.Year);
        Assert.True(listing.HasBox);
        Assert.Equal(id, listing.CompositeId);
    }

    private static ListingPage Parse() => Adapter.ParseListings(FixturePages.Read("Platforms/WooCommerce", "products.json"), BaseUrl);

    private static Listing ByUrl(string path) => Assert.Single(Parse(), l => l.Url == Product + path);
}
