using WatchMonitor.Core.Tests.Listings;
using System.Globalization;
using WatchMonitor.Listings;
using WatchMonitor.Sites.JuwelierExchange;

namespace WatchMonitor.Core.Tests.Sites.JuwelierExchange;

public sealed class JuwelierExchangeAdapterTests
{
    private const string BaseUrl = "https://www.juwelier-exchange.de";
    private const string Site = "JuwelierExchange";

    private readonly JuwelierExchangeAdapter _adapter = new();

    [Fact]
    public void ParseListings_SavedListingPage_ReturnsEveryProductCardWithALink()
    {
        var listings = ParseSavedListing();

        Assert.Equal(24, listings.Count);
        Assert.Equal(listings.Count, listings.Select(l => l.CompositeId).Distinct().Count());
    }

    [Theory]
    [InlineData("/rolex-explorer-124270/JE-24-1216")] // only a.product-image-link, no a.card-body-link
    [InlineData("JE-24-1217")] // a.card-body-link without href
    [InlineData("/ankauf")] // teaser box without data-product-information
    public void ParseListings_CardWithoutListingLink_IsSkipped(string urlPart)
    {
        var listings = ParseSavedListing();

        Assert.DoesNotContain(listings, l => l.Url.Contains(urlPart, StringComparison.Ordinal));
    }

    [Fact]
    public void ParseListings_SavedListingPage_TitleIsAlwaysUnknownWatch()
    {
        var listings = ParseSavedListing();

        Assert.All(listings, listing =>
        {
            Assert.Equal("Unknown Watch", listing.Title);
            Assert.Equal("juwelier_exchange", listing.SiteKey);
            Assert.Null(listing.Brand);
            Assert.Null(listing.Model);
            Assert.Null(listing.Reference);
        });
    }

    [Fact]
    public void ParseListings_FirstCard_SetsEveryListingField()
    {
        var listing = ParseSavedListing()[0];

        Assert.Equal("https://www.juwelier-exchange.de/rolex-submariner-date-116610ln/JE-24-1187", listing.Url);
        Assert.Equal("Unknown Watch", listing.Title);
        Assert.Equal(12500m, listing.Price);
        Assert.Equal("EUR", listing.Currency);
        Assert.Equal("€12.500", listing.PriceDisplay);
        Assert.Equal("https://www.juwelier-exchange.de/thumbnail/d7/4e/a1/1731512345/rolex-submariner-date-116610ln-1_1920x1920.webp", listing.ImageUrl);
        Assert.Null(listing.Year);
        Assert.Null(listing.Condition);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.HasPapers);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Diameter);
        Assert.Equal("a1bfe147002cf1d2506499009f15ddcb", listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("/rolex-submariner-date-116610ln/JE-24-1187", "12500", "EUR", "€12.500")] // € 12.500,-
    [InlineData("/omega-speedmaster-professional-moonwatch-311.30.42.30.01.005/JE-24-1190", "8500", "EUR", "€8.500")] // EUR 8.500,00
    [InlineData("/damenuhr-cartier-tank-francaise-w51008q3/JE-24-1192", "12500", "EUR", "€12.500")] // 12.500 €
    [InlineData("/tudor-black-bay-fifty-eight-79030n/JE-24-1195", "3190", "EUR", "€3.190")] // 3.190,00 €*
    [InlineData("/patek-philippe-nautilus-5711-1a-010/JE-24-1201", "1234567", "EUR", "€1.234.567")] // 1.234.567 €
    [InlineData("/breitling-navitimer-01-ab0120/JE-24-1203", "9800", "CHF", "9.800 CHF")] // CHF 9.800,00
    [InlineData("/heuer-carrera-2447s/JE-24-1204", "12500", "USD", "$12.500")] // $12,500
    [InlineData("/audemars-piguet-royal-oak-15400st/JE-24-1210", "27900", "EUR", "€27.900")] // sold, price still shown
    [InlineData("/jaeger-lecoultre-reverso-classic-q3858520/JE-24-1211", "7990", "EUR", "€7.990")] // sale price before list price
    [InlineData("/longines-spirit-zulu-time/JE-24-1212", "4950", "EUR", "€4.950")] // ab 4.950,00 €*
    [InlineData("/a-lange-soehne-saxonia-thin-211.026/JE-24-1215", "12500", "EUR", "€12.500")] // 12.500,– €
    [InlineData("/omega-seamaster-diver-300m-210.30.42.20.01.001/JE-24-1218", "4900", "EUR", "€4.900")] // EUR 4.900
    [InlineData("/seiko-prospex-spb143j1/JE-24-1220", "1299", "EUR", "€1.299")] // 1.299 €
    [InlineData("/tissot-prx-powermatic-80/JE-24-1223", "2150.50", "EUR", "€2.150")] // half-to-even display
    [InlineData("/cartier-santos-100-xl-w20073x8/JE-24-1226", "6450", "EUR", "€6.450")] // EUR&nbsp;6.450,00
    public void ParseListings_PriceFormats_ParsedWithCurrencyAndDisplay(string path, string price, string currency, string display)
    {
        var listing = SavedListing(path);

        Assert.Equal(decimal.Parse(price, CultureInfo.InvariantCulture), listing.Price);
        Assert.Equal(currency, listing.Currency);
        Assert.Equal(display, listing.PriceDisplay);
    }

    [Theory]
    [InlineData("/iwc-portugieser-chronograph-iw371446/JE-24-1206")] // Preis auf Anfrage
    [InlineData("/rolex-cosmograph-daytona-116500ln/JE-24-1207")] // Price on Request
    [InlineData("/rolex-gmt-master-ii-126710blro/JE-24-1209")] // Verkauft
    [InlineData("/zenith-el-primero-chronomaster/JE-24-1213")] // empty price element
    [InlineData("/panerai-luminor-marina-pam01312/JE-24-1214")] // no price element
    public void ParseListings_NoPrice_ListingKeptWithoutPrice(string path)
    {
        var listing = SavedListing(path);

        Assert.Null(listing.Price);
        Assert.Null(listing.PriceDisplay);
        Assert.Equal("EUR", listing.Currency);
    }

    [Theory]
    [InlineData("/rolex-submariner-date-116610ln/JE-24-1187", // 400, 800 and 1920 webp: the largest preference wins
        "https://www.juwelier-exchange.de/thumbnail/d7/4e/a1/1731512345/rolex-submariner-date-116610ln-1_1920x1920.webp")]
    [InlineData("/omega-speedmaster-professional-moonwatch-311.30.42.30.01.005/JE-24-1190", // jpg sizes first, 800 webp last
        "https://www.juwelier-exchange.de/thumbnail/0c/19/fe/1731598810/omega-speedmaster-moonwatch-1_800x800.webp")]
    [InlineData("/damenuhr-cartier-tank-francaise-w51008q3/JE-24-1192", // only jpg in srcset: src
        "https://www.juwelier-exchange.de/thumbnail/4a/22/07/1731600042/cartier-tank-francaise-w51008q3_800x800.jpg")]
    [InlineData("/tudor-black-bay-fifty-eight-79030n/JE-24-1195", // 1920 jpg loses to 400 webp
        "https://www.juwelier-exchange.de/thumbnail/9b/60/33/1731604480/tudor-black-bay-58-79030n_400x400.webp")]
    [InlineData("/patek-philippe-nautilus-5711-1a-010/JE-24-1201", // any .webp
        "https://www.juwelier-exchange.de/media/e1/0d/5c/1731610001/patek-philippe-nautilus-5711.webp")]
    [InlineData("/breitling-navitimer-01-ab0120/JE-24-1203", // relative src, no srcset
        "https://www.juwelier-exchange.de/media/3f/9a/12/1731620077/breitling-navitimer-01-ab0120.jpg")]
    [InlineData("/heuer-carrera-2447s/JE-24-1204", // lazy-loaded: data-srcset behind a data: placeholder
        "https://www.juwelier-exchange.de/thumbnail/77/c4/90/1731630015/heuer-carrera-2447s_800x800.webp")]
    [InlineData("/iwc-portugieser-chronograph-iw371446/JE-24-1206", null)] // placeholder, no img
    public void ParseListings_ProductImage_PrefersLargeWebpThenSrc(string path, string? image)
    {
        Assert.Equal(image, SavedListing(path).ImageUrl);
    }

    [Theory]
    [InlineData("/rolex-datejust-36-16233/JE-24-1219?variant=stahl-gold&utm_source=listing")] // &amp; in the href decoded once
    [InlineData("/damenuhr-chopard-happy-sport-roségold/JE-24-1225")] // non-ASCII kept, not percent-encoded
    public void ParseListings_Href_KeepsItsCharacters(string path)
    {
        Assert.Contains(ParseSavedListing(), l => l.Url == BaseUrl + path);
    }

    // The id key shows the reasoning: no brand, model or reference on a card, so always title|cents|url.
    [Theory]
    [InlineData("/rolex-submariner-date-116610ln/JE-24-1187",
        "unknown watch|1250000|https://www.juwelier-exchange.de/rolex-submariner-date-116610ln/je-24-1187", "a1bfe147002cf1d2506499009f15ddcb")]
    [InlineData("/tissot-prx-powermatic-80/JE-24-1223",
        "unknown watch|215050|https://www.juwelier-exchange.de/tissot-prx-powermatic-80/je-24-1223", "3feeea201e5c3b340b00dfe23ce69041")]
    [InlineData("/iwc-portugieser-chronograph-iw371446/JE-24-1206",
        "unknown watch|https://www.juwelier-exchange.de/iwc-portugieser-chronograph-iw371446/je-24-1206", "741691758c854df6c0954487a38c3334")]
    [InlineData("/rolex-datejust-36-16233/JE-24-1219?variant=stahl-gold&utm_source=listing",
        "unknown watch|725000|https://www.juwelier-exchange.de/rolex-datejust-36-16233/je-24-1219?variant=stahl-gold&utm_source=listing", "39d6b8db1031959c5d2a623442bac749")]
    [InlineData("/damenuhr-chopard-happy-sport-roségold/JE-24-1225",
        "unknown watch|1690000|https://www.juwelier-exchange.de/damenuhr-chopard-happy-sport-roségold/je-24-1225", "b4c3817119b3378dff80beca7973d17a")]
    [InlineData("/breitling-navitimer-01-ab0120/JE-24-1203", // CHF 9.800,00: the Python monitor deletes C, H, F and reads it alike
        "unknown watch|980000|https://www.juwelier-exchange.de/breitling-navitimer-01-ab0120/je-24-1203", "1686ce84201068e182aac920572cbeec")]
    public void ParseListings_CompositeId_FallbackFormOfTitlePriceAndUrl(string path, string key, string id)
    {
        var listing = SavedListing(path);

        Assert.Equal(GoldenId.Of(key), listing.CompositeId);
        Assert.Equal(id, listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    // Python monitor defect 7 (docs/python-monitor.md): the Python monitor's price parser gives up on these formats, so its id has no price. We read the price;
    // the Python monitor's id stays known as the legacy id, so an imported seen file does not re-alert.
    [Theory]
    [InlineData("/tudor-black-bay-fifty-eight-79030n/JE-24-1195", "319000", "004155d4f00ae6501082d22f4acd854e")] // 3.190,00 €*
    [InlineData("/patek-philippe-nautilus-5711-1a-010/JE-24-1201", "123456700", "af2d8751cb286d19c55b34c9e3f221fd")] // 1.234.567 €
    [InlineData("/audemars-piguet-royal-oak-15400st/JE-24-1210", "2790000", "ff38edabc327f18ed98b4593d71fc899")] // 27.900,00 €*
    [InlineData("/jaeger-lecoultre-reverso-classic-q3858520/JE-24-1211", "799000", "c284ea48435408af5ef98de34aaabdb4")] // sale + list price
    [InlineData("/longines-spirit-zulu-time/JE-24-1212", "495000", "ed2c88c03d43511f81dd883a035c21cd")] // ab 4.950,00 €*
    [InlineData("/a-lange-soehne-saxonia-thin-211.026/JE-24-1215", "1250000", "fc062a7279cb93c4092dd2d7961344b3")] // 12.500,– €
    [InlineData("/vacheron-constantin-overseas-4500v-110a-b128/JE-24-1222", "4500000", "1f26bc8043019bb9f4e04004683c828e")] // 45.000,00 €*
    public void ParseListings_PriceTheReferenceCouldNotRead_KeepsReferenceIdAsLegacy(string path, string cents, string legacyId)
    {
        var listing = SavedListing(path);
        var lowerUrl = (BaseUrl + path).ToLowerInvariant();

        Assert.Equal(GoldenId.Of("unknown watch|" + cents + "|" + lowerUrl), listing.CompositeId);
        Assert.Equal(GoldenId.Of("unknown watch|" + lowerUrl), legacyId);
        Assert.Equal(legacyId, listing.LegacyCompositeId);
        Assert.NotEqual(listing.CompositeId, listing.LegacyCompositeId);
    }

    [Fact]
    public void ParseListings_OtherBaseUrl_JoinsRelativeLinksAgainstIt()
    {
        var listings = _adapter.ParseListings(FixturePages.Read(Site, "listing.html"), "http://127.0.0.1:5080");

        Assert.Contains(listings, l => l.Url == "http://127.0.0.1:5080/tudor-black-bay-fifty-eight-79030n/JE-24-1195");
        Assert.Contains(listings, l => l.ImageUrl == "http://127.0.0.1:5080/media/3f/9a/12/1731620077/breitling-navitimer-01-ab0120.jpg");
        Assert.Contains(listings, l => l.Url == "https://www.juwelier-exchange.de/rolex-submariner-date-116610ln/JE-24-1187");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body><h1>Wartungsarbeiten</h1><p>Der Shop ist gleich wieder da.</p></body></html>")]
    [InlineData("{\"products\": []}")]
    [InlineData("<div class=\"card product-box\" data-product-information><a class=\"card-body-link\"></a></div><<<>>>\0")]
    public void ParseListings_GarbageOrEmptyPage_ReturnsEmptyList(string page)
    {
        Assert.Empty(_adapter.ParseListings(page, BaseUrl));
    }

    [Fact]
    public void ApplyDetails_RolexPage_ReadsGraphProductTableAndDescription()
    {
        var listing = Detailed("/rolex-submariner-date-116610ln/JE-24-1187", "detail-rolex-submariner.html");

        Assert.Equal("Rolex Submariner Date 116610LN", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner", listing.Model); // "Submariner Date" minus the reference and one trailing "Date"
        Assert.Equal("116610LN", listing.Reference); // "Referenznummer", not the article number JE-24-1187
        Assert.Equal("2016", listing.Year);
        Assert.Equal("★★★★☆", listing.Condition);
        Assert.True(listing.HasPapers);
        Assert.True(listing.HasBox);
        Assert.Equal("Edelstahl", listing.CaseMaterial); // the table's "Material" row, raw
        Assert.Equal("40 mm", listing.Diameter);
        Assert.Equal(12500m, listing.Price);
        Assert.Equal("€12.500", listing.PriceDisplay);
    }

    [Fact]
    public void ApplyDetails_OmegaPage_SkipsBrokenJsonLdAndReadsArrayTypedProduct()
    {
        var listing = Detailed("/omega-speedmaster-professional-moonwatch-311.30.42.30.01.005/JE-24-1190", "detail-omega-speedmaster.html");

        Assert.Equal("Herrenuhr Omega Speedmaster Professional 'Moonwatch' 311.30.42.30.01.005", listing.Title);
        Assert.Equal("Omega", listing.Brand); // "brand": "Omega" as a plain string
        Assert.Equal("Moonwatch", listing.Model); // the quoted part
        Assert.Equal("311.30.42.30.01.005", listing.Reference); // "Modellnummer"
        Assert.Equal("2019", listing.Year);
        Assert.Equal("★★★☆☆", listing.Condition); // "Gebraucht …"
        Assert.False(listing.HasPapers); // "ohne Papiere" (docs/python-monitor.md, defect 8)
        Assert.True(listing.HasBox); // "Originalbox vorhanden"
        Assert.Equal("Steel", listing.CaseMaterial); // "Gehäuse aus Edelstahl"
        Assert.Equal("42 mm", listing.Diameter); // "Durchmesser: 42 mm"
    }

    [Fact]
    public void ApplyDetails_CartierPage_FallsBackToHeadingAndCombinesAlloy()
    {
        var listing = Detailed("/damenuhr-cartier-tank-francaise-w51008q3/JE-24-1192", "detail-cartier-tank.html");

        Assert.Equal("Damenuhr Cartier Tank Française\u00A0W51008Q3", listing.Title); // entities decoded, NBSP kept (not record-cleaned)
        Assert.Equal("Cartier", listing.Brand); // "Marke"
        Assert.Equal("Tank Française", listing.Model);
        Assert.Equal("W51008Q3", listing.Reference); // the article number, because the title names it
        Assert.Equal("2008", listing.Year);
        Assert.Equal("★★★★★", listing.Condition);
        Assert.True(listing.HasPapers); // "Servicekarte"
        Assert.True(listing.HasBox); // "Originalbox"
        Assert.Equal("750 Gelbgold", listing.CaseMaterial); // "Legierung" 750 + "Art der Legierung" Gelbgold
        Assert.Equal("20 mm", listing.Diameter); // "Gehäusegröße 20 x 25 mm"
    }

    [Fact]
    public void ApplyDetails_BreitlingPage_ReadsSpacedJsonLdBrandFromTableAndEnglishDescription()
    {
        var listing = Detailed("/breitling-navitimer-01-ab0120/JE-24-1203", "detail-breitling-navitimer.html");

        Assert.Equal("Breitling Navitimer 01 Chronograph AB0120 Automatik", listing.Title); // JSON-LD, not the shorter h1
        Assert.Equal("Breitling", listing.Brand);
        Assert.Equal("Navitimer 01 Chronograph", listing.Model);
        Assert.Equal("AB0120", listing.Reference);
        Assert.Equal("2012", listing.Year);
        Assert.Equal("★★★★☆", listing.Condition);
        Assert.True(listing.HasPapers);
        Assert.True(listing.HasBox);
        Assert.Null(listing.CaseMaterial);
        Assert.Equal("43 mm", listing.Diameter);
        Assert.Equal("CHF", listing.Currency);
        Assert.Equal("9.800 CHF", listing.PriceDisplay);
    }

    [Fact]
    public void ApplyDetails_SparsePage_SetsOnlyTheTitle()
    {
        var listing = Detailed("/heuer-carrera-2447s/JE-24-1204", "detail-heuer-carrera.html");

        Assert.Equal("Heuer Carrera 2447S", listing.Title);
        Assert.Null(listing.Brand);
        Assert.Null(listing.Model);
        Assert.Null(listing.Reference);
        Assert.Null(listing.Year);
        Assert.Null(listing.Condition);
        Assert.Null(listing.HasPapers);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Diameter);
    }

    [Theory]
    [InlineData("/rolex-submariner-date-116610ln/JE-24-1187", "detail-rolex-submariner.html")]
    [InlineData("/omega-speedmaster-professional-moonwatch-311.30.42.30.01.005/JE-24-1190", "detail-omega-speedmaster.html")]
    [InlineData("/damenuhr-cartier-tank-francaise-w51008q3/JE-24-1192", "detail-cartier-tank.html")]
    [InlineData("/breitling-navitimer-01-ab0120/JE-24-1203", "detail-breitling-navitimer.html")]
    [InlineData("/heuer-carrera-2447s/JE-24-1204", "detail-heuer-carrera.html")]
    public void ApplyDetails_AnyDetailPage_LeavesCompositeIdUnchanged(string path, string detailPage)
    {
        var listing = SavedListing(path);
        var (id, legacy) = (listing.CompositeId, listing.LegacyCompositeId);

        _adapter.ApplyDetails(listing, FixturePages.Read(Site, detailPage), BaseUrl);

        Assert.Equal(id, listing.CompositeId);
        Assert.Equal(legacy, listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><h1>Seite nicht gefunden</h1></body></html>")]
    [InlineData("<script type=\"application/ld+json\">{not json</script><table class=\"product-detail-properties-table\"><tr class=\"properties-row\"></tr></table>")]
    public void ApplyDetails_GarbageOrEmptyPage_LeavesListingUnchanged(string page)
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(listing, page, BaseUrl);

        Assert.Equal("Unknown Watch", listing.Title);
        Assert.Null(listing.Brand);
        Assert.Null(listing.Model);
        Assert.Null(listing.Reference);
        Assert.Null(listing.Year);
        Assert.Null(listing.CaseMaterial);
        Assert.Equal(12500m, listing.Price);
        Assert.Equal("a1bfe147002cf1d2506499009f15ddcb", listing.CompositeId);
    }

    // Python monitor defect 16 (docs/python-monitor.md): the Product is found by parsing every JSON-LD script, whatever its spacing or shape.
    [Theory]
    [InlineData("{\"@context\": \"https://schema.org\", \"@type\": \"Product\", \"name\": \"Rolex Explorer\", \"brand\": {\"@type\": \"Brand\", \"name\": \"Rolex\"}}")]
    [InlineData("{\"@context\":\"https://schema.org\",\"@type\":\"Product\",\"name\":\"Rolex Explorer\",\"brand\":{\"name\":\"Rolex\"}}")]
    [InlineData("{\n  \"@type\" :\n    \"Product\",\n  \"name\" : \"  Rolex Explorer \",\n  \"brand\" : \"Rolex\"\n}")]
    [InlineData("{\"@type\":[\"Product\",\"IndividualProduct\"],\"name\":\"Rolex Explorer\",\"brand\":[{\"name\":\"Rolex\"}]}")]
    [InlineData("{\"@type\":\"https://schema.org/Product\",\"name\":\"Rolex Explorer\",\"brand\":\"Rolex\"}")]
    [InlineData("{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"Product\",\"name\":\"Rolex Explorer\",\"brand\":\"Rolex\"}]}")]
    [InlineData("[{\"@type\":\"Organization\",\"name\":\"Juwelier Exchange\"},{\"@type\":\"Product\",\"name\":\"Rolex Explorer\",\"brand\":\"Rolex\",}]")]
    public void ApplyDetails_JsonLdProductInAnyShape_GivesTitleAndBrand(string jsonLd)
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(listing, DetailPage(jsonLd: ["{\"@type\": \"Product\", \"name\": broken", jsonLd], heading: "Überschrift"), BaseUrl);

        Assert.Equal("Rolex Explorer", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Explorer", listing.Model);
    }

    [Theory]
    [InlineData("{\"@type\":\"Organization\",\"name\":\"Juwelier Exchange GmbH\"}")]
    [InlineData("{\"@type\":\"Product\",\"brand\":\"Omega\"}")] // a Product without a name
    [InlineData("{\"@type\": \"Product\", \"name\": \"Omega \"Speedy\"\"}")] // invalid JSON
    public void ApplyDetails_NoUsableJsonLdName_TitleFromHeading(string jsonLd)
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(listing, DetailPage(jsonLd: [jsonLd], heading: "Omega Seamaster &amp; Co"), BaseUrl);

        Assert.Equal("Omega Seamaster & Co", listing.Title);
    }

    // Python monitor defect 16 (docs/python-monitor.md): the shop's article number is its stock number, used as reference only when the title names it.
    [Theory]
    [InlineData("Rolex Datejust 16233", "JE-24-1219", null, null, null)]
    [InlineData("Rolex Datejust 16233", "16233", null, null, "16233")]
    [InlineData("Rolex Datejust 162334", "16233", null, null, null)] // not a whole word of the title
    [InlineData("Rolex Datejust 16233", "JE-24-1219", "16233", null, "16233")]
    [InlineData("Rolex Datejust 16233", "16233", "16234", null, "16234")] // a labelled reference wins
    [InlineData("Rolex Datejust 16233", "JE-24-1219", null, "16233", "16233")] // JSON-LD mpn
    [InlineData("Rolex Datejust 16233", "JE-24-1219", "16234", "16233", "16234")]
    public void ApplyDetails_ArticleNumberAndReferenceRows_ChoosesManufacturerReference(
        string title, string articleNumber, string? referenceRow, string? mpn, string? expected)
    {
        var listing = SavedListing("/rolex-datejust-36-16233/JE-24-1219?variant=stahl-gold&utm_source=listing");
        var jsonLd = "{\"@type\":\"Product\",\"name\":\"" + title + "\",\"brand\":\"Rolex\"" + (mpn is null ? "" : ",\"mpn\":\"" + mpn + "\"") + "}";
        List<(string, string)> rows = [("Artikelnummer:", articleNumber)];
        if (referenceRow is not null)
        {
            rows.Add(("Referenz-Nr.:", referenceRow));
        }

        _adapter.ApplyDetails(listing, DetailPage(jsonLd: [jsonLd], properties: rows), BaseUrl);

        Assert.Equal(expected, listing.Reference);
    }

    [Theory]
    [InlineData(new[] { "Art der Legierung:", "Gelbgold", "Legierung:", "750" }, "750 Gelbgold")]
    [InlineData(new[] { "Legierung:", "750", "Art der Legierung:", "Gelbgold" }, "750 Gelbgold")] // row order does not matter
    [InlineData(new[] { "Material:", "Stahl", "Art der Legierung:", "Roségold" }, "Roségold")]
    [InlineData(new[] { "Art der Legierung:", "Weißgold", "Material:", "Stahl" }, "Weißgold")]
    [InlineData(new[] { "Material:", "Titan" }, "Titan")]
    [InlineData(new[] { "Legierung:", "750" }, null)] // a fineness without a material
    [InlineData(new[] { "Material:", "Platin", "Legierung:", "950/000" }, "Platin")] // not all digits
    public void ApplyDetails_MaterialRows_GiveCaseMaterial(string[] labelsAndValues, string? expected)
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");
        var rows = labelsAndValues.Chunk(2).Select(pair => (pair[0], pair[1])).ToList();

        _adapter.ApplyDetails(listing, DetailPage(heading: "Rolex Datejust", properties: rows), BaseUrl);

        Assert.Equal(expected, listing.CaseMaterial);
    }

    [Fact]
    public void ApplyDetails_TableMaterial_WinsOverDescription()
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(
            listing,
            DetailPage(heading: "Rolex Datejust", properties: [("Material:", "Stahl/Gold")], description: "<p>Gehäuse aus Gelbgold</p>"),
            BaseUrl);

        Assert.Equal("Stahl/Gold", listing.CaseMaterial);
    }

    [Theory]
    [InlineData("Marke:", "Zustand:")]
    [InlineData("MARKE", "Zustand")]
    [InlineData("Marke :", "zustand:")]
    public void ApplyDetails_PropertyLabels_MatchedWithoutCaseAndColons(string brandLabel, string conditionLabel)
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(
            listing,
            DetailPage(heading: "Omega Seamaster 300", properties: [(brandLabel, "Omega"), (conditionLabel, "Neuwertig")]),
            BaseUrl);

        Assert.Equal("Omega", listing.Brand);
        Assert.Equal("Seamaster 300", listing.Model);
        Assert.Equal("★★★★★", listing.Condition);
    }

    [Fact]
    public void ApplyDetails_JsonLdBrand_WinsOverBrandRow()
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(
            listing,
            DetailPage(jsonLd: ["{\"@type\":\"Product\",\"name\":\"Tudor Black Bay 58\",\"brand\":{\"name\":\"Tudor\"}}"], properties: [("Marke:", "Rolex")]),
            BaseUrl);

        Assert.Equal("Tudor", listing.Brand);
        Assert.Equal("Black Bay 58", listing.Model);
    }

    [Theory]
    [InlineData("<p>Baujahr: ca. 1985, Ref. 16610</p>", "Rolex Submariner", "1985")]
    [InlineData("<p>Referenz 2010, sehr schön</p>", "Rolex Submariner", null)] // a reference, not a year (docs/python-monitor.md, defect 10)
    [InlineData("<p>Keine Angabe</p>", "Rolex Submariner 1995", "1995")] // from the title
    [InlineData(null, "Rolex Submariner von 1995", "1995")] // no description block at all
    public void ApplyDetails_Year_FromDescriptionThenTitle(string? description, string title, string? expected)
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(listing, DetailPage(heading: title, description: description), BaseUrl);

        Assert.Equal(expected, listing.Year);
    }

    [Theory]
    [InlineData("<p>Box: ja, Papiere: nein</p>", false, true)]
    [InlineData("<p>Ohne Box und ohne Papiere.</p>", false, false)]
    [InlineData("<p>Komplett mit Box &amp; Papers</p>", true, true)]
    [InlineData("<p>Frisch revisioniert.</p>", null, null)]
    public void ApplyDetails_BoxAndPapers_FromDescription(string description, bool? papers, bool? box)
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(listing, DetailPage(heading: "Rolex Submariner", description: description), BaseUrl);

        Assert.Equal(papers, listing.HasPapers);
        Assert.Equal(box, listing.HasBox);
    }

    [Fact]
    public void ApplyDetails_NoBrand_NoModel()
    {
        var listing = SavedListing("/rolex-submariner-date-116610ln/JE-24-1187");

        _adapter.ApplyDetails(listing, DetailPage(heading: "Submariner Date 116610LN"), BaseUrl);

        Assert.Equal("Submariner Date 116610LN", listing.Title);
        Assert.Null(listing.Brand);
        Assert.Null(listing.Model);
    }

    [Fact]
    public void ApplyDetails_BareListing_EnrichesWithoutPrice()
    {
        var listing = _adapter.CreateBareListing(BaseUrl + "/rolex-datejust/sw12345");

        _adapter.ApplyDetails(listing, FixturePages.Read(Site, "detail-rolex-submariner.html"), BaseUrl);

        Assert.Equal("Rolex", listing.Brand);
        Assert.Null(listing.Price);
        Assert.Equal("8cfa2779787a0651120f188c0744bc61", listing.CompositeId); // docs/ids.md vector: unknown watch|url
    }

    private List<Listing> ParseSavedListing() => [.. _adapter.ParseListings(FixturePages.Read(Site, "listing.html"), BaseUrl)];

    private Listing SavedListing(string path) => Assert.Single(ParseSavedListing(), l => l.Url == BaseUrl + path);

    private Listing Detailed(string path, string detailPage)
    {
        var listing = SavedListing(path);
        _adapter.ApplyDetails(listing, FixturePages.Read(Site, detailPage), BaseUrl);
        return listing;
    }

    private static string DetailPage(
        IEnumerable<string>? jsonLd = null,
        string? heading = null,
        IEnumerable<(string Label, string Value)>? properties = null,
        string? description = null)
    {
        var scripts = string.Concat((jsonLd ?? []).Select(json => $"<script type=\"application/ld+json\">{json}</script>\n"));
        var h1 = heading is null ? "" : $"<h1 class=\"product-detail-name\" itemprop=\"name\">{heading}</h1>";
        var rows = string.Concat((properties ?? []).Select(p =>
            $"<tr class=\"properties-row\"><th class=\"properties-label\">{p.Label}</th><td class=\"properties-value\"><span>{p.Value}</span></td></tr>"));
        var table = rows.Length == 0 ? "" : $"<table class=\"table product-detail-properties-table\"><tbody>{rows}</tbody></table>";
        var text = description is null ? "" : $"<div class=\"product-detail-description-text\" itemprop=\"description\">{description}</div>";
        return $"<!DOCTYPE html><html lang=\"de-DE\"><head>{scripts}</head><body><div class=\"product-detail-buy\">{h1}</div>"
            + $"<div class=\"product-detail-description\">{text}{table}</div></body></html>";
    }
}
