using WatchMonitor.Core.Tests.Listings;
using System.Globalization;
using WatchMonitor.Listings;
using WatchMonitor.Sites;
using WatchMonitor.Sites.WatchOut;

namespace WatchMonitor.Core.Tests.Sites.WatchOut;

public sealed class WatchOutAdapterTests
{
    private const string BaseUrl = "https://www.watch-out.shop";
    private const string Products = BaseUrl + "/products/";

    private static readonly WatchOutAdapter Adapter = new();

    // ---- products.json (primary source) ----

    [Fact]
    public void ParseListings_ProductsJson_SkipsUnavailableAndHandlelessProducts()
    {
        var listings = ParseJson();

        Assert.Equal(25, listings.Count);
        Assert.DoesNotContain(listings, l => l.Url.Contains("aquanaut", StringComparison.Ordinal));
        Assert.DoesNotContain(listings, l => l.Url.Contains("gmt-master", StringComparison.Ordinal));
        Assert.DoesNotContain(listings, l => l.Title.Contains("Black Bay", StringComparison.Ordinal));
        Assert.DoesNotContain(listings, l => l.Title.Contains("Portugieser", StringComparison.Ordinal));
        Assert.All(listings, l => Assert.StartsWith(Products, l.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void ParseListings_ProductsJson_ReadsEveryFieldOfAProduct()
    {
        var listing = ByUrl(ParseJson(), Products + "rolex-submariner-date-116610ln");

        Assert.Equal("watch_out", listing.SiteKey);
        Assert.Equal("Rolex Submariner Date 116610LN", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner Date 116610LN", listing.Model);
        Assert.Equal("116610LN", listing.Reference);
        Assert.Equal(9850.00m, listing.Price);
        Assert.Equal("EUR", listing.Currency);
        Assert.Equal("€9.850", listing.PriceDisplay);
        Assert.Equal("https://cdn.shopify.com/s/files/1/0612/4417/3857/files/rolex-submariner-date-116610ln-1.jpg?v=1732100001", listing.ImageUrl);
        Assert.Null(listing.Year);
        Assert.Null(listing.Condition);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.HasPapers);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Diameter);
        Assert.Equal("39fb0c4134a050a70b8d46b403451fa3", listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("omega-speedmaster-professional-moonwatch", "Omega", "Speedmaster Professional Moonwatch", "310.30.42.50.01.001", "6450.00", "€6.450")]
    // Generic vendors: the brand comes from the docs/dealers.md#watch_out table, else the first word.
    [InlineData("patek-philippe-nautilus-5711-1a-010", "Patek Philippe", "Nautilus 5711/1A-010", "5711/1A-010", "125000.00", "€125.000")]
    [InlineData("a-lange-sohne-lange-1-191-032", "A. Lange & Söhne", "Lange 1 191.032", null, "32500.00", "€32.500")]
    [InlineData("tag-heuer-monaco-caw211p", "Tag Heuer", "Monaco CAW211P", "CAW211P.FC6356", "4290.00", "€4.290")]
    [InlineData("heuer-carrera-2447-s", "Heuer", "Carrera 2447 S", null, "14800.00", "€14.800")]
    [InlineData("sinn-556-i", "Sinn", "556 I", "556.010", "1350.00", "€1.350")]
    [InlineData("breitling-navitimer-a13356", "Breitling", "Breitling", "A13356", "3990.00", "€3.990")]
    [InlineData("rolex-daytona-116500ln", "Rolex", "Daytona 116500LN", "116500LN", "28900.00", "€28.900")]
    // Vendor not at the start of the title: the whole title is the model; a prefix in other case is still removed.
    [InlineData("omega-seamaster-diver-300m", "Omega", "Seamaster Diver 300M 210.30.42.20.03.001", "210.30.42.20.03.001", "4700.00", "€4.700")]
    [InlineData("cartier-santos-de-cartier-medium", "Cartier", "Santos de Cartier Medium", "WSSA0029", "6900", "€6.900")]
    [InlineData("rolex-datejust-1601", "Rolex", null, "1601", "7450.00", "€7.450")]
    [InlineData("jaeger-lecoultre-reverso-classic-duoface", "Jaeger-LeCoultre", "Reverso Classic Duoface", null, "8200.00", "€8.200")]
    [InlineData("panerai-luminor-marina-pam01312", "Panerai", "Luminor Marina PAM01312", "PAM01312", "6100.00", "€6.100")]
    // Price strings that are not plain numbers go through the price parser.
    [InlineData("patek-philippe-grandmaster-chime-6300g", "Patek Philippe", "Grandmaster Chime 6300G", "6300G-010", "1234567", "€1.234.567")]
    [InlineData("breguet-type-xx-3800st", "Breguet", "Type XX 3800ST", "3800ST/92/3W6", "12500.00", "€12.500")]
    [InlineData("junghans-max-bill-automatic", "Junghans", "Max Bill Automatic", "027/4701.02", "3190.00", "€3.190")]
    [InlineData("audemars-piguet-royal-oak-15500st", "Audemars Piguet", "Royal Oak 15500ST", "15500ST.OO.1220ST.01", null, null)]
    [InlineData("a-lange-sohne-saxonia-thin-211-027", "A. Lange & Söhne", "Saxonia Thin 211.027", "211.027", "18900.00", "€18.900")]
    [InlineData("a-lange-sohne-1815-chronograph-402-032", "A. Lange & Söhne", "1815 Chronograph 402.032", "402.032", "39900.00", "€39.900")]
    [InlineData("iwc-big-pilot-iw500912", "IWC", "Big Pilot IW500912", "IW500912", "8900", "€8.900")]
    [InlineData("tudor-pelagos-25600tb", "Tudor", "Pelagos 25600TB", "25600TB", "12500", "€12.500")]
    [InlineData("vacheron-constantin-overseas-4500v", "Vacheron Constantin", "Overseas 4500V/110A-B128", "4500V/110A-B128", "12500", "€12.500")]
    [InlineData("glashuette-original-senator-excellence", "Glashütte Original", "Senator Excellence", "1-36-01-01-02-01", "9250.50", "€9.250")]
    public void ParseListings_ProductsJson_ReadsBrandModelReferenceAndPrice(
        string handle, string brand, string? model, string? reference, string? price, string? priceDisplay)
    {
        var listing = ByUrl(ParseJson(), Products + handle);

        Assert.Equal(brand, listing.Brand);
        Assert.Equal(model, listing.Model);
        Assert.Equal(reference, listing.Reference);
        Assert.Equal(Amount(price), listing.Price);
        Assert.Equal(priceDisplay, listing.PriceDisplay);
    }

    [Fact]
    public void ParseListings_ProductsJson_EntitiesAndNbspInNamesAreCleaned()
    {
        var listing = ByUrl(ParseJson(), Products + "a-lange-sohne-saxonia-thin-211-027");

        Assert.Equal("A. Lange & Söhne Saxonia Thin 211.027", listing.Title);
        Assert.Equal("A. Lange & Söhne", listing.Brand);
    }

    [Fact]
    public void ParseListings_ProductsJson_MissingTitleOrImage_FallsBackQuietly()
    {
        var listings = ParseJson();
        var untitled = ByUrl(listings, Products + "zenith-el-primero-a386");
        var withoutImage = ByUrl(listings, Products + "panerai-luminor-marina-pam01312");

        Assert.Equal(Listing.UnknownTitle, untitled.Title);
        Assert.Equal("Zenith", untitled.Brand);
        Assert.Null(untitled.Model);
        Assert.Null(withoutImage.ImageUrl);
    }

    [Theory]
    [InlineData("rolex-submariner-date-116610ln", "rolex|submariner date 116610ln|116610ln|985000")]
    [InlineData("a-lange-sohne-lange-1-191-032", "a. lange & söhne|lange 1 191.032|3250000")]
    [InlineData("rolex-datejust-1601", "rolex|1601|745000")]
    [InlineData("breitling-navitimer-a13356", "breitling|breitling|a13356|399000")]
    [InlineData("audemars-piguet-royal-oak-15500st", "audemars piguet|royal oak 15500st|15500st.oo.1220st.01")]
    [InlineData("glashuette-original-senator-excellence", "glashütte original|senator excellence|1-36-01-01-02-01|925050")]
    public void ParseListings_ProductsJson_BuildsPrimaryCompositeKey(string handle, string expectedKey)
    {
        var listing = ByUrl(ParseJson(), Products + handle);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Fact]
    public void ParseListings_ProductsJson_PinnedIds()
    {
        var listings = ParseJson();

        Assert.Equal("fcda173f0d3dc36f32e8fea3151920f8", ByUrl(listings, Products + "patek-philippe-nautilus-5711-1a-010").CompositeId);
        Assert.Equal("dbf2c6cecd7b522fd49f9bc0354126ca", ByUrl(listings, Products + "a-lange-sohne-lange-1-191-032").CompositeId);
    }

    // Where the Python monitor read a product wrongly, the id is ours and the Python monitor's id is kept as legacy.
    [Theory]
    // "€ 1.234.567": two group separators defeat the Python monitor's price parser.
    [InlineData("patek-philippe-grandmaster-chime-6300g",
        "patek philippe|grandmaster chime 6300g|6300g-010|123456700",
        "Patek Philippe", "Grandmaster Chime 6300G", "6300G-010", null, "Patek Philippe Grandmaster Chime 6300G",
        "patek philippe|grandmaster chime 6300g|6300g-010")]
    // "ab 3.190,00 €*": the leftover word and asterisk defeat it too.
    [InlineData("junghans-max-bill-automatic",
        "junghans|max bill automatic|027/4701.02|319000",
        "Junghans", "Max Bill Automatic", "027/4701.02", null, "Junghans Max Bill Automatic",
        "junghans|max bill automatic|027/4701.02")]
    // Generic vendor, title with "&amp;": the Python monitor split the raw title and found no known brand.
    [InlineData("a-lange-sohne-1815-chronograph-402-032",
        "a. lange & söhne|1815 chronograph 402.032|402.032|3990000",
        "A.", "Lange &amp; Söhne 1815 Chronograph 402.032", "402.032", "39900.00", "A. Lange &amp; Söhne 1815 Chronograph 402.032",
        "a.|lange & söhne 1815 chronograph 402.032|402.032|3990000")]
    // No title: the Python monitor derived the model from its "Unknown Watch" placeholder.
    [InlineData("zenith-el-primero-a386",
        "zenith|a386|790000",
        "Zenith", "Unknown Watch", "A386", "7900.00", "Unknown Watch",
        "zenith|unknown watch|a386|790000")]
    public void ParseListings_ProductsJson_ReferenceDefect_KeepsLegacyId(
        string handle, string expectedKey,
        string legacyBrand, string legacyModel, string legacyReference, string? legacyPrice, string legacyTitle, string expectedLegacyKey)
    {
        var listing = ByUrl(ParseJson(), Products + handle);
        var legacyInputs = new CompositeIdInputs(legacyBrand, legacyModel, legacyReference, Amount(legacyPrice), null, null, legacyTitle, listing.Url);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(GoldenId.Of(expectedLegacyKey), listing.LegacyCompositeId);
        Assert.Equal(CompositeId.Compute(legacyInputs.Cleaned()), listing.LegacyCompositeId);
    }

    [Fact]
    public void ParseListings_ProductsJsonWithNumericPrice_TakesNumberAsIs()
    {
        const string json = """{"products":[{"handle":"rolex-explorer-124270","title":"Rolex Explorer","vendor":"Rolex","variants":[{"price":6500,"sku":"124270"}]}]}""";

        var listing = Assert.Single(Adapter.ParseListings(json, BaseUrl));

        Assert.Equal(6500m, listing.Price);
        Assert.Equal(GoldenId.Of("rolex|explorer|124270|650000"), listing.CompositeId);
    }

    [Fact]
    public void ParseListings_ProductWithoutVariants_IsKeptWithoutPriceOrReference()
    {
        const string json = """  {"products":[{"handle":"omega-constellation","title":"Omega Constellation","vendor":"Omega","variants":[]}, 42, null]}""";

        var listing = Assert.Single(Adapter.ParseListings(json, BaseUrl));

        Assert.Null(listing.Price);
        Assert.Null(listing.Reference);
        Assert.Equal(GoldenId.Of("omega|constellation"), listing.CompositeId);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"products":[]}""")]
    [InlineData("""{"products":{"handle":"x"}}""")]
    [InlineData("""  {"errors":"Not Found"}  """)]
    public void ParseListings_ValidJsonWithoutProducts_ReturnsEmpty(string json)
    {
        Assert.Empty(Adapter.ParseListings(json, BaseUrl));
    }

    [Theory]
    [InlineData("{\"products\": [")]
    [InlineData("{products: []}")]
    [InlineData("\n  {\"products\": []} trailing")]
    public void ParseListings_InvalidJson_ThrowsPageFormatException(string json)
    {
        Assert.Throws<PageFormatException>(() => Adapter.ParseListings(json, BaseUrl));
    }

    // ---- HTML collection page (fallback) ----

    [Fact]
    public void ParseListings_CollectionPage_SkipsSoldOutAndLinklessCards()
    {
        var listings = ParseHtml();

        Assert.Equal(24, listings.Count);
        Assert.DoesNotContain(listings, l => l.Url.Contains("aquanaut", StringComparison.Ordinal));
        Assert.DoesNotContain(listings, l => l.Title.Contains("verkaufen", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseListings_CollectionPage_ReadsEveryFieldOfAMatchedCard()
    {
        var listing = ByUrl(ParseHtml(), Products + "rolex-submariner-date-116610ln");

        Assert.Equal("watch_out", listing.SiteKey);
        Assert.Equal("Rolex Submariner Date 116610LN", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner Date 116610LN", listing.Model);
        Assert.Equal("116610LN", listing.Reference);
        Assert.Equal(9850m, listing.Price);
        Assert.Equal("€9.850", listing.PriceDisplay);
        Assert.Equal("https://www.watch-out.shop/cdn/shop/files/rolex-submariner-date-116610ln-1.jpg?v=17321&width=1200", listing.ImageUrl);
        Assert.Null(listing.Year);
        Assert.Null(listing.Condition);
        // The Python monitor never set a model on this path; its id is kept as legacy (see next test for the key).
        Assert.Equal("39fb0c4134a050a70b8d46b403451fa3", listing.CompositeId);
        Assert.Equal("ba37a4e5073642288fffd3f1d997095e", listing.LegacyCompositeId);
    }

    [Theory]
    // Analytics product matched by handle; "Default Title" falls back to the product title.
    [InlineData("omega-speedmaster-professional-moonwatch", "Omega Speedmaster Professional Moonwatch", "Omega", "Speedmaster Professional Moonwatch", "310.30.42.50.01.001", "6450")]
    // Matched by title (no handle attribute); vendor "Watch Out" → brand from the title.
    [InlineData("patek-philippe-nautilus-5711-1a-010", "Patek Philippe Nautilus 5711/1A-010", "Patek Philippe", "Nautilus 5711/1A-010", "5711/1A-010", "125000")]
    // Analytics out of order: the visual fields are used (price parser, badge as reference).
    [InlineData("omega-seamaster-diver-300m", "Omega Seamaster Diver 300M", "Omega", "Seamaster Diver 300M", "210.30.42.20.03.001", "4700")]
    // Zero price in analytics, "Preis auf Anfrage" on the card.
    [InlineData("audemars-piguet-royal-oak-15500st", "Audemars Piguet Royal Oak 15500ST", "Audemars Piguet", "Royal Oak 15500ST", "15500ST.OO.1220ST.01", null)]
    [InlineData("a-lange-sohne-saxonia-thin-211-027", "A. Lange & Söhne Saxonia Thin 211.027", "A. Lange & Söhne", "Saxonia Thin 211.027", "211.027", "18900")]
    // Empty vendor in analytics, the shop itself as the card's vendor.
    [InlineData("tag-heuer-monaco-caw211p", "TAG Heuer Monaco CAW211P", "Tag Heuer", "Monaco CAW211P", "CAW211P.FC6356", "4290")]
    [InlineData("jaeger-lecoultre-reverso-classic-duoface", "Jaeger-LeCoultre Reverso Classic Duoface", "Jaeger-LeCoultre", "Reverso Classic Duoface", null, "8200")]
    // Cards without an analytics product: every value from the card.
    [InlineData("junghans-max-bill-automatic", "Junghans Max Bill Automatic", "Junghans", "Max Bill Automatic", "027/4701.02", "3190")]
    [InlineData("patek-philippe-grandmaster-chime-6300g", "Patek Philippe Grandmaster Chime 6300G", "Patek Philippe", "Grandmaster Chime 6300G", "6300G-010", "1234567")]
    [InlineData("rolex-gmt-master-ii-126710blro", "Rolex GMT-Master II 126710BLRO", "Rolex", "GMT-Master II 126710BLRO", "126710BLRO", null)]
    [InlineData("iwc-big-pilot-iw500912", "IWC Big Pilot IW500912", "IWC", "Big Pilot IW500912", "IW500912", "8900")]
    [InlineData("tudor-pelagos-25600tb", "Tudor Pelagos 25600TB", "Tudor", "Pelagos 25600TB", "25600TB", "12500")]
    [InlineData("vacheron-constantin-overseas-4500v", "Vacheron Constantin Overseas 4500V/110A-B128", "Vacheron Constantin", "Overseas 4500V/110A-B128", "4500V/110A-B128", "12500")]
    [InlineData("zenith-el-primero-a386", "Zenith Chronomaster El Primero A386", "Zenith", "Chronomaster El Primero A386", "A386", "7900")]
    public void ParseListings_CollectionPage_ReadsCardFields(
        string handle, string title, string brand, string? model, string? reference, string? price)
    {
        var listing = ByHandle(ParseHtml(), handle);

        Assert.Equal(title, listing.Title);
        Assert.Equal(brand, listing.Brand);
        Assert.Equal(model, listing.Model);
        Assert.Equal(reference, listing.Reference);
        Assert.Equal(Amount(price), listing.Price);
    }

    [Fact]
    public void ParseListings_CardWithoutHandle_UsesItsProductLink()
    {
        var listing = ByHandle(ParseHtml(), "patek-philippe-nautilus-5711-1a-010");

        Assert.Equal(BaseUrl + "/collections/neu-eingetroffen/products/patek-philippe-nautilus-5711-1a-010", listing.Url);
    }

    [Fact]
    public void ParseListings_CardWithOnlyLinkAndPrice_UsesFallbackKey()
    {
        var listing = ByUrl(ParseHtml(), Products + "panerai-luminor-due-pam01336");

        Assert.Equal(Listing.UnknownTitle, listing.Title);
        Assert.Null(listing.Brand);
        Assert.Null(listing.ImageUrl);
        Assert.Equal(GoldenId.Of("unknown watch|610000|https://www.watch-out.shop/products/panerai-luminor-due-pam01336"), listing.CompositeId);
        Assert.Equal("37fcf87fe8f4c41d4eb329d2f61c8c1c", listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("panerai-luminor-marina-pam01312", "https://www.watch-out.shop/cdn/shop/files/panerai-luminor-marina-pam01312-1.jpg?v=17321&width=1000")]
    [InlineData("breitling-navitimer-a13356", "https://www.watch-out.shop/cdn/shop/files/breitling-navitimer-a13356-1.jpg?v=17321&width=800")]
    [InlineData("sinn-556-i", "https://www.watch-out.shop/cdn/shop/files/sinn-556-i-1.jpg?v=17321&width=1200")]
    public void ParseListings_CollectionPage_TakesLargestOrLazyImage(string handle, string expectedImage)
    {
        Assert.Equal(expectedImage, ByHandle(ParseHtml(), handle).ImageUrl);
    }

    // The Python monitor's HTML path: brand = vendor, no model, reference = SKU or badge, price from analytics cents or
    // its own price parser. Our key adds the model (as products.json does); the Python monitor's key stays legacy.
    [Theory]
    [InlineData("rolex-submariner-date-116610ln", "rolex|submariner date 116610ln|116610ln|985000", "Rolex", "116610LN", "9850", "rolex|116610ln|985000")]
    [InlineData("patek-philippe-nautilus-5711-1a-010", "patek philippe|nautilus 5711/1a-010|5711/1a-010|12500000", "Watch Out", "5711/1A-010", "125000", "watch out|5711/1a-010|12500000")]
    [InlineData("audemars-piguet-royal-oak-15500st", "audemars piguet|royal oak 15500st|15500st.oo.1220st.01", "Audemars Piguet", "15500ST.OO.1220ST.01", null, "audemars piguet|15500st.oo.1220st.01")]
    // "Angebot ab 3.190,00 €*" and "1.234.567 €" are unreadable for the Python monitor's price parser.
    [InlineData("junghans-max-bill-automatic", "junghans|max bill automatic|027/4701.02|319000", "Junghans", "027/4701.02", null, "junghans|027/4701.02")]
    [InlineData("patek-philippe-grandmaster-chime-6300g", "patek philippe|grandmaster chime 6300g|6300g-010|123456700", "Patek Philippe", "6300G-010", null, "patek philippe|6300g-010")]
    [InlineData("rolex-gmt-master-ii-126710blro", "rolex|gmt-master ii 126710blro|126710blro", "Rolex", "126710BLRO", null, "rolex|126710blro")]
    public void ParseListings_CollectionPage_KeysAndLegacyKeys(
        string handle, string expectedKey, string legacyBrand, string legacyReference, string? legacyPrice, string expectedLegacyKey)
    {
        var listing = ByHandle(ParseHtml(), handle);
        var legacyInputs = new CompositeIdInputs(legacyBrand, null, legacyReference, Amount(legacyPrice), null, null, listing.Title, listing.Url);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(GoldenId.Of(expectedLegacyKey), listing.LegacyCompositeId);
        Assert.Equal(CompositeId.Compute(legacyInputs.Cleaned()), listing.LegacyCompositeId);
    }

    // A failing products.json must not re-announce the collection: both paths give a watch the same id.
    [Theory]
    [InlineData("rolex-submariner-date-116610ln")]
    [InlineData("omega-speedmaster-professional-moonwatch")]
    [InlineData("patek-philippe-nautilus-5711-1a-010")]
    [InlineData("audemars-piguet-royal-oak-15500st")]
    [InlineData("a-lange-sohne-saxonia-thin-211-027")]
    [InlineData("tag-heuer-monaco-caw211p")]
    [InlineData("sinn-556-i")]
    [InlineData("breitling-navitimer-a13356")]
    [InlineData("rolex-daytona-116500ln")]
    [InlineData("cartier-santos-de-cartier-medium")]
    [InlineData("rolex-datejust-1601")]
    [InlineData("jaeger-lecoultre-reverso-classic-duoface")]
    [InlineData("panerai-luminor-marina-pam01312")]
    [InlineData("breguet-type-xx-3800st")]
    [InlineData("a-lange-sohne-1815-chronograph-402-032")]
    [InlineData("junghans-max-bill-automatic")]
    [InlineData("patek-philippe-grandmaster-chime-6300g")]
    [InlineData("iwc-big-pilot-iw500912")]
    [InlineData("tudor-pelagos-25600tb")]
    [InlineData("vacheron-constantin-overseas-4500v")]
    public void ParseListings_SameWatchOnJsonAndHtml_GetsSameCompositeId(string handle)
    {
        Assert.Equal(ByHandle(ParseJson(), handle).CompositeId, ByHandle(ParseHtml(), handle).CompositeId);
    }

    [Fact]
    public void ParseListings_CollectionPageWithoutAnalytics_UsesVisualFields()
    {
        const string page = """
            <product-list><product-card handle="omega-de-ville" class="product-card">
              <div class="product-card__info"><a href="/collections/vendors?q=Omega" class="text-xs link-faded">Omega</a>
              <span class="product-card__title"><a href="/products/omega-de-ville" class="bold">Omega De Ville Prestige</a></span>
              <sale-price class="text-subdued">2.450,00 €</sale-price></div>
            </product-card></product-list>
            """;

        var listing = Assert.Single(Adapter.ParseListings(page, BaseUrl));

        Assert.Equal(BaseUrl + "/products/omega-de-ville", listing.Url);
        Assert.Equal(GoldenId.Of("omega|de ville prestige|245000"), listing.CompositeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("<html><head><title>Wartungsarbeiten</title></head><body><p>Wir sind gleich zurück.</p></body></html>")]
    [InlineData("\u0000\u0001 <<<>>> garbage </div></product-card>")]
    [InlineData("null")]
    [InlineData("[{\"handle\":\"x\"}]")]
    public void ParseListings_GarbageOrEmptyPage_ReturnsEmpty(string page)
    {
        Assert.Empty(Adapter.ParseListings(page, BaseUrl));
    }

    // ---- detail pages ----

    [Fact]
    public void ApplyDetails_SpecificationParagraphs_ReadsEveryKey()
    {
        // Each "<p><strong>Key:</strong> value</p>" is its own line; the Python monitor saw one line and only "Marke".
        var listing = DetailOf("rolex-submariner-date-116610ln", "detail-submariner.html");

        Assert.Equal("2019", listing.Year);
        Assert.Equal("116610LN", listing.Reference);
        Assert.Equal("Edelstahl (Oystersteel)", listing.CaseMaterial);
        Assert.Equal("40mm", listing.Diameter);
        Assert.Equal("★★★★☆", listing.Condition);
        Assert.True(listing.HasPapers);
        Assert.True(listing.HasBox);
        Assert.Equal("Rolex Submariner Date 116610LN", listing.Title);
        Assert.Equal(9850m, listing.Price);
    }

    [Fact]
    public void ApplyDetails_EnglishLineBreaks_ReadsEveryKey()
    {
        var listing = DetailOf("omega-speedmaster-professional-moonwatch", "detail-speedmaster.html");

        Assert.Equal("2021", listing.Year);
        Assert.Equal("310.30.42.50.01.001", listing.Reference);
        Assert.Equal("Stainless steel", listing.CaseMaterial);
        Assert.Equal("42mm", listing.Diameter);
        Assert.Equal("★★★★☆", listing.Condition);
        Assert.True(listing.HasPapers);
        Assert.True(listing.HasBox);
    }

    [Fact]
    public void ApplyDetails_SingleTextNodeWithSeparateAccordions_ReadsEveryKey()
    {
        var listing = DetailOf("a-lange-sohne-lange-1-191-032", "detail-lange1.html");

        Assert.Equal("2015", listing.Year);
        Assert.Equal("191.032", listing.Reference);
        Assert.Equal("18 Karat Roségold", listing.CaseMaterial);
        Assert.Equal("38.5mm", listing.Diameter);
        Assert.Equal("★★★☆☆", listing.Condition);
        Assert.False(listing.HasPapers);
        Assert.True(listing.HasBox);
    }

    [Fact]
    public void ApplyDetails_DescriptionOnly_RatesConditionAndAccessoriesFromIt()
    {
        var listing = DetailOf("tudor-pelagos-25600tb", "detail-pelagos.html");

        Assert.Null(listing.Year);
        Assert.Equal("25600TB", listing.Reference);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Diameter);
        Assert.Equal("★★★★★", listing.Condition);
        Assert.True(listing.HasPapers);
        Assert.True(listing.HasBox);
    }

    [Theory]
    [InlineData("rolex-submariner-date-116610ln", "detail-submariner.html")]
    [InlineData("omega-speedmaster-professional-moonwatch", "detail-speedmaster.html")]
    [InlineData("a-lange-sohne-lange-1-191-032", "detail-lange1.html")]
    [InlineData("tudor-pelagos-25600tb", "detail-pelagos.html")]
    public void ApplyDetails_AnyDetailPage_LeavesCompositeIdUnchanged(string handle, string detailPage)
    {
        var listing = ByHandle(ParseJson(), handle);
        var (id, legacyId) = (listing.CompositeId, listing.LegacyCompositeId);

        Adapter.ApplyDetails(listing, FixturePages.Read("WatchOut", detailPage), BaseUrl);

        Assert.Equal(id, listing.CompositeId);
        Assert.Equal(legacyId, listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><h1>404 – Seite nicht gefunden</h1></body></html>")]
    [InlineData("<div class=\"accordion-box\"><collapsible-element><div id=\"x\">Referenz: 1</div></collapsible-element></div>")]
    public void ApplyDetails_PageWithoutDetails_KeepsListingFields(string page)
    {
        var listing = ByHandle(ParseJson(), "rolex-submariner-date-116610ln");

        Adapter.ApplyDetails(listing, page, BaseUrl);

        Assert.Equal("116610LN", listing.Reference);
        Assert.Equal(9850m, listing.Price);
        Assert.Null(listing.Year);
        Assert.Null(listing.Condition);
        Assert.Null(listing.HasPapers);
    }

    [Theory]
    [InlineData("Durchmesser: 40,5 mm", "40.5mm")]
    [InlineData("Durchmesser: Ø 39 MM", "39mm")]
    [InlineData("Gehäusedurchmesser: 36 x 44 mm", "44mm")]
    [InlineData("Diameter: approx. 140 mm bracelet", "approx. 140 mm bracelet")]
    [InlineData("Durchmesser: mittelgroß", "mittelgroß")]
    public void ApplyDetails_Diameter_IsNormalisedToMillimetres(string line, string expected)
    {
        var listing = ByHandle(ParseJson(), "rolex-submariner-date-116610ln");
        var page = $"""<div class="accordion-box"><collapsible-element><summary>Spezifikationen</summary><div id="s">{line}</div></collapsible-element></div>""";

        Adapter.ApplyDetails(listing, page, BaseUrl);

        Assert.Equal(expected, listing.Diameter);
    }

    [Fact]
    public void ApplyDetails_LineWithoutColon_ContinuesTheValueAbove()
    {
        // Without the continuation the stated condition would be just "Getragen," (two stars).
        var listing = ByHandle(ParseJson(), "rolex-datejust-1601");
        const string page = """
            <div class="accordion-box"><collapsible-element><summary>Spezifikationen</summary><div id="s"><div class="prose">
              <p>Zustand: Getragen,</p><p>sehr guter Zustand nach Revision 2024</p><p>Referenz: 1601</p>
            </div></div></collapsible-element></div>
            """;

        Adapter.ApplyDetails(listing, page, BaseUrl);

        Assert.Equal("★★★★☆", listing.Condition);
        Assert.Equal("1601", listing.Reference);
    }

    [Theory]
    [InlineData("Armbandmaterial: Leder<br>Gehäusematerial: 18k Gelbgold", "18k Gelbgold")]
    [InlineData("Bracelet material: Steel<br>Case material: Titanium", "Titanium")]
    [InlineData("Material: Edelstahl", "Edelstahl")]
    [InlineData("Lünettenmaterial: Keramik", null)]
    public void ApplyDetails_MaterialKeys_OnlyTheCaseCounts(string body, string? expected)
    {
        var listing = ByHandle(ParseJson(), "rolex-datejust-1601");
        var page = $"""<div class="accordion-box"><collapsible-element><summary>Details</summary><div id="s"><p>{body}</p></div></collapsible-element></div>""";

        Adapter.ApplyDetails(listing, page, BaseUrl);

        Assert.Equal(expected, listing.CaseMaterial);
    }

    // ---- fetching: products.json first, HTML collection page as fallback ----

    private static readonly SiteEndpoints Endpoints = SiteEndpoints.Defaults(SiteCatalog.WatchOut);

    [Fact]
    public async Task FetchListingsAsync_JsonAvailable_NeverFetchesHtml()
    {
        var fetcher = new FakePageFetcher().Serve(Endpoints.ProductsJsonUrl!, FixturePages.Read("WatchOut", "products.json"));

        var listings = await Adapter.FetchListingsAsync(fetcher, Endpoints, CancellationToken.None);

        Assert.Equal(25, listings.Count);
        Assert.Equal([Endpoints.ProductsJsonUrl!], fetcher.Requested);
    }

    [Fact]
    public async Task FetchListingsAsync_JsonHttpFailure_FallsBackToCollectionPage()
    {
        var fetcher = new FakePageFetcher()
            .Fail(Endpoints.ProductsJsonUrl!, new HttpRequestException("503 Service Unavailable"))
            .Serve(Endpoints.ListingUrl, FixturePages.Read("WatchOut", "collection.html"));

        var listings = await Adapter.FetchListingsAsync(fetcher, Endpoints, CancellationToken.None);

        Assert.Equal(24, listings.Count);
        Assert.Equal([Endpoints.ProductsJsonUrl!, Endpoints.ListingUrl], fetcher.Requested);
    }

    [Theory]
    [InlineData("{\"products\": [{\"handle\": ")]
    [InlineData("<!doctype html><html><body><form action=\"/password\">Passwort</form></body></html>")]
    public async Task FetchListingsAsync_JsonUnreadable_FallsBackToCollectionPage(string jsonResponse)
    {
        var fetcher = new FakePageFetcher()
            .Serve(Endpoints.ProductsJsonUrl!, jsonResponse)
            .Serve(Endpoints.ListingUrl, FixturePages.Read("WatchOut", "collection.html"));

        var listings = await Adapter.FetchListingsAsync(fetcher, Endpoints, CancellationToken.None);

        Assert.Equal(24, listings.Count);
        Assert.Equal([Endpoints.ProductsJsonUrl!, Endpoints.ListingUrl], fetcher.Requested);
    }

    [Fact]
    public async Task FetchListingsAsync_NoJsonUrl_FetchesCollectionPageOnly()
    {
        var endpoints = Endpoints with { ProductsJsonUrl = null };
        var fetcher = new FakePageFetcher().Serve(endpoints.ListingUrl, FixturePages.Read("WatchOut", "collection.html"));

        var listings = await Adapter.FetchListingsAsync(fetcher, endpoints, CancellationToken.None);

        Assert.Equal(24, listings.Count);
        Assert.Equal([endpoints.ListingUrl], fetcher.Requested);
    }

    [Fact]
    public async Task FetchListingsAsync_JsonWithoutProducts_ReturnsEmptyWithoutFallback()
    {
        var fetcher = new FakePageFetcher().Serve(Endpoints.ProductsJsonUrl!, """{"products":[]}""");

        var listings = await Adapter.FetchListingsAsync(fetcher, Endpoints, CancellationToken.None);

        Assert.Empty(listings);
        Assert.Equal([Endpoints.ProductsJsonUrl!], fetcher.Requested);
    }

    [Fact]
    public async Task FetchListingsAsync_Cancelled_DoesNotFallBack()
    {
        var fetcher = new FakePageFetcher()
            .Fail(Endpoints.ProductsJsonUrl!, new OperationCanceledException())
            .Serve(Endpoints.ListingUrl, FixturePages.Read("WatchOut", "collection.html"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Adapter.FetchListingsAsync(fetcher, Endpoints, CancellationToken.None));
        Assert.Equal([Endpoints.ProductsJsonUrl!], fetcher.Requested);
    }

    [Fact]
    public async Task FetchListingsAsync_BothSourcesFail_ThrowsHttpRequestException()
    {
        var fetcher = new FakePageFetcher()
            .Fail(Endpoints.ProductsJsonUrl!, new HttpRequestException("500"))
            .Fail(Endpoints.ListingUrl, new HttpRequestException("500"));

        await Assert.ThrowsAsync<HttpRequestException>(() => Adapter.FetchListingsAsync(fetcher, Endpoints, CancellationToken.None));
    }

    // ---- helpers ----

    private static ListingPage ParseJson() => Adapter.ParseListings(FixturePages.Read("WatchOut", "products.json"), BaseUrl);

    private static ListingPage ParseHtml() => Adapter.ParseListings(FixturePages.Read("WatchOut", "collection.html"), BaseUrl);

    private static Listing ByUrl(IReadOnlyList<Listing> listings, string url) =>
        Assert.Single(listings, l => string.Equals(l.Url, url, StringComparison.Ordinal));

    private static Listing ByHandle(IReadOnlyList<Listing> listings, string handle) =>
        Assert.Single(listings, l => l.Url.EndsWith("/products/" + handle, StringComparison.Ordinal));

    private static Listing DetailOf(string handle, string detailPage)
    {
        var listing = ByHandle(ParseJson(), handle);
        Adapter.ApplyDetails(listing, FixturePages.Read("WatchOut", detailPage), BaseUrl);
        return listing;
    }

    private static decimal? Amount(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
}
