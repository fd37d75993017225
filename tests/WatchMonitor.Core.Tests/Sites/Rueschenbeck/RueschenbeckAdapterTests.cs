using WatchMonitor.Core.Tests.Listings;
using System.Globalization;
using System.Text;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.Shopware;
using WatchMonitor.Sites.Rueschenbeck;

namespace WatchMonitor.Core.Tests.Sites.Rueschenbeck;

public sealed class RueschenbeckAdapterTests
{
    private const string BaseUrl = "https://www.rueschenbeck.de";
    private const string ListingUrl = "https://www.rueschenbeck.de/vintage-certified-pre-owned";
    private const string Shop = "https://www.rueschenbeck.de/";
    private const string Thumbnails = "https://www.rueschenbeck.de/thumbnail/";
    private const string Cpo = ConditionRater.FourStars;

    private readonly RueschenbeckAdapter _adapter = new();

    [Fact]
    public void ParseListings_ListingPage_ReturnsEveryUnsoldWatchWithALink()
    {
        var listings = ParseListingPage();

        Assert.Equal(23, listings.Count);
        Assert.All(listings, l => Assert.Equal("rueschenbeck", l.SiteKey));
        Assert.All(listings, l => Assert.Equal("EUR", l.Currency));
        Assert.All(listings, l => Assert.Matches("^[0-9a-f]{32}$", l.CompositeId));
        Assert.Equal(listings.Count, listings.Select(l => l.Url).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("rolex-submariner-date-126610ln-certified-pre-owned", "Rolex Submariner Date", "Rolex", "Submariner Date", "126610LN", "14650.00", "€14.650",
        Thumbnails + "6a/1f/c4/1709634511/rolex-submariner-126610ln_1920x1920.jpg", Cpo)]
    [InlineData("rolex-gmt-master-ii-16710-certified-pre-owned", "Rolex GMT-Master II „Pepsi“", "Rolex", "Gmt Master Ii", "16710", "12500", "€12.500",
        Thumbnails + "0b/7e/91/1709111402/rolex-gmt-16710_800x800.jpg", Cpo)]
    [InlineData("patek-philippe-aquanaut-5167a-certified-pre-owned", "Patek Philippe Aquanaut 5167A-001", "Patek Philippe", "Aquanaut", "5167A", "58900.00", "€58.900",
        Thumbnails + "3c/55/0a/1708421937/patek-aquanaut-5167a_800x800.jpg", null)]
    [InlineData("audemars-piguet-royal-oak-concept-26589io-oo-d030ca-01-certified-pre-owned", "Audemars Piguet Royal Oak Concept Flying Tourbillon", "Audemars Piguet",
        "Royal Oak Concept", "26589IO.OO.D030CA.01", "1234567", "€1.234.567", Thumbnails + "9d/e2/11/1707302944/ap-royal-oak-concept_1920x1920.jpg", null)]
    [InlineData("tudor-black-bay-fifty-eight-79030n-certified-pre-owned", "Tudor Black Bay Fifty-Eight", "Tudor", "Black Bay Fifty Eight", "79030N", "3190.00", "€3.190",
        Thumbnails + "e0/13/77/1706540012/tudor-black-bay-58_800x800.jpg", null)]
    [InlineData("rolex-cosmograph-daytona-116500ln-certified-pre-owned", "Rolex Cosmograph Daytona", "Rolex", "Cosmograph Daytona", "116500LN", null, null,
        Thumbnails + "c2/8b/5d/1709900112/rolex-daytona-116500ln_800x800.jpg", Cpo)]
    [InlineData("rolex-air-king-116900-certified-pre-owned", "116900 Rolex Air-King", "Rolex", "Air King", "116900", "7250.00", "€7.250",
        Thumbnails + "8e/3d/20/1702001001/rolex-air-king_800x800.jpg", Cpo)]
    [InlineData("rolex-datejust-36-certified-pre-owned", "Certified Pre-Owned Rolex Datejust 36", "Rolex", "Datejust 36", null, "8500.00", "€8.500",
        Thumbnails + "2d/ee/7b/1701901100/rolex-datejust-36_800x800.jpg", Cpo)]
    [InlineData("vintage/omega-seamaster-30-2846-1958", "Omega Seamaster 30 Ref. 2846", null, null, "2846", "4900", "€4.900",
        Thumbnails + "f1/0c/9a/1700811000/omega-seamaster-30-2846_800x800.jpg", null)]
    [InlineData("cartier-santos-de-cartier-large-wssa0018-certified-pre-owned", "Cartier Santos de Cartier Large", "Cartier", "Santos De Cartier Large", "WSSA0018", "12500", "€12.500",
        Thumbnails + "aa/bb/cc/1700700700/cartier-santos-large_800x800.jpg", null)]
    [InlineData("jaeger-lecoultre-reverso-classic-duoface-q3838420-certified-pre-owned", "Jaeger-LeCoultre Reverso Classic & Duoface", "Jaeger-LeCoultre", "Reverso Classic Duoface",
        "Q3838420", "9800", "€9.800", Thumbnails + "31/4d/5e/1700500500/jlc-reverso-duoface_800x800.jpg", Cpo)]
    [InlineData("a-lange-soehne-datograph-up-down-405-031-certified-pre-owned", "A. Lange & Söhne Datograph Up/Down", "A. Lange & Söhne", "Datograph Up Down", "405.031",
        "89500.00", "€89.500", Thumbnails + "d4/0f/6b/1700400400/lange-datograph-up-down_800x800.jpg", null)]
    [InlineData("iwc-portugieser-chronograph-iw371605-certified-pre-owned", "IWC Portugieser Chronograph", "IWC", "Portugieser Chronograph", "IW371605", null, null,
        Thumbnails + "66/77/88/1700300300/iwc-portugieser-iw371605_800x800.jpg", Cpo)]
    [InlineData("tag-heuer-monaco-cbl2111-certified-pre-owned", "TAG Heuer Monaco Calibre 11", "TAG Heuer", "Monaco", "CBL2111", "5490.00", "€5.490",
        Thumbnails + "19/28/37/1700200200/tag-heuer-monaco_800x800.jpg", null)]
    [InlineData("grand-seiko-heritage-snowflake-sbga211-certified-pre-owned", "Grand Seiko Heritage „Snowflake“", "Grand Seiko", "Heritage Snowflake", "SBGA211", "4950", "€4.950",
        Thumbnails + "20/21/22/1700100100/grand-seiko-snowflake_800x800.jpg", null)]
    [InlineData("nomos-tangente-38-164-certified-pre-owned", "NOMOS Glashütte Tangente 38", "Nomos", "Tangente 38", "164", "1690.00", "€1.690",
        Thumbnails + "40/41/42/1699990000/nomos-tangente-38_400x400.jpg", null)]
    [InlineData("breitling-navitimer-b01-chronograph-43-ab0121211b1p1-certified-pre-owned", "Breitling Navitimer B01 Chronograph 43", "Breitling", "Navitimer B01 Chronograph 43",
        "AB0121211B1P1", "8450.00", "€8.450", Thumbnails + "50/51/52/1699880000/breitling-navitimer-b01_800x800.jpg", null)]
    [InlineData("zenith-defy-skyline-03-9300-3620-51-i001-certified-pre-owned", "Zenith Defy Skyline", "Zenith", "Defy Skyline", "03.9300.3620/51.I001", "5900", "€5.900",
        Thumbnails + "60/61/62/1699770000/zenith-defy-skyline_800x800.jpg", null)]
    [InlineData("panerai-luminor-marina-pam01312-certified-pre-owned", "Unknown Watch", "Panerai", "Luminor Marina", "PAM01312", "7900", "€7.900",
        Thumbnails + "70/71/72/1699660000/panerai-luminor-marina_800x800.jpg", Cpo)]
    [InlineData("vintage/rolex-datejust-1601-1968", "1601 Rolex Datejust (1968)", null, null, "1601", "9950", "€9.950",
        Thumbnails + "80/81/82/1699550000/rolex-datejust-1601_800x800.jpg", null)]
    [InlineData("hublot-big-bang-unico-441-nx-1171-rx-certified-pre-owned", "Hublot Big Bang Unico Titanium", "Hublot", "Big Bang Unico", "441.NX.1171.RX", "18500.00", "€18.500",
        Thumbnails + "90/91/92/1699440000/hublot-big-bang-unico_800x800.jpg", null)]
    [InlineData("chopard-alpine-eagle-41-298600-3001-certified-pre-owned", "Chopard Alpine Eagle 41", "Chopard", "Alpine Eagle 41", "298600-3001", "10900", "€10.900",
        Thumbnails + "b0/b1/b2/1699220000/chopard-alpine-eagle-41_800x800.jpg", null)]
    public void ParseListings_ListingPage_ReadsEveryField(
        string path, string title, string? brand, string? model, string? reference, string? price, string? priceDisplay, string image, string? condition)
    {
        var listing = ListingAt(Shop + path);

        Assert.Equal(title, listing.Title);
        Assert.Equal(brand, listing.Brand);
        Assert.Equal(model, listing.Model);
        Assert.Equal(reference, listing.Reference);
        Assert.Equal(price is null ? null : decimal.Parse(price, CultureInfo.InvariantCulture), listing.Price);
        Assert.Equal(priceDisplay, listing.PriceDisplay);
        Assert.Equal(image, listing.ImageUrl);
        Assert.Equal(condition, listing.Condition);
        Assert.Null(listing.Year);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Diameter);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.HasPapers);
    }

    [Theory]
    [InlineData("rolex-explorer-124270-certified-pre-owned")] // "Verkauft" badge
    [InlineData("omega-seamaster-diver-300m-210-30-42-20-03-001-certified-pre-owned")] // badge-sold class, "Sold"
    [InlineData("cartier-tank-louis-cartier-wgta0011-certified-pre-owned")] // schema.org OutOfStock, "Ausverkauft"
    [InlineData("longines-spirit-zulu-time-l3-812-4-63-6-certified-pre-owned")] // "VERKAUFT" as the price
    [InlineData("ankauf")] // teaser tile: its only link is not the card link
    public void ParseListings_SoldOrLinklessCard_IsSkipped(string path)
    {
        Assert.DoesNotContain(ParseListingPage(), l => l.Url == Shop + path);
    }

    [Theory]
    [InlineData("<div class=\"product-badges\"><div class=\"badge\">Verkauft</div></div>")]
    [InlineData("<div class=\"product-badges\"><span class=\"badge\">Sold out</span></div>")]
    [InlineData("<span class=\"badge is-sold\"></span>")]
    [InlineData("<p class=\"delivery-information delivery-soldout\">Lieferzeit unbekannt</p>")]
    [InlineData("<p class=\"product-availability\">Nicht mehr verfügbar</p>")]
    [InlineData("<link itemprop=\"availability\" href=\"https://schema.org/SoldOut\">")]
    [InlineData("<meta itemprop=\"availability\" content=\"https://schema.org/OutOfStock\">")]
    public void ParseListings_SoldMarker_SkipsCard(string marker)
    {
        Assert.Empty(_adapter.ParseListings(Page(Card(marker)), BaseUrl));
    }

    [Theory]
    [InlineData("<p class=\"product-description\">Von Rüschenbeck verkauft und gewartet.</p>")]
    [InlineData("<div class=\"badge badge-cpo\">Certified Pre-Owned</div>")]
    [InlineData("<link itemprop=\"availability\" href=\"https://schema.org/InStock\">")]
    public void ParseListings_NoSoldMarker_KeepsCard(string markup)
    {
        Assert.Single(_adapter.ParseListings(Page(Card(markup)), BaseUrl));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body><p>Wartungsarbeiten – wir sind gleich wieder da.</p></body></html>")]
    [InlineData("<<<div class=\"product-list-item card product-box\"><a class=\"card-body\">>>")]
    [InlineData("{\"products\": []}")]
    [InlineData("\u0000\u0001binary\u00ff")]
    public void ParseListings_GarbageOrEmptyPage_ReturnsEmpty(string pageText)
    {
        Assert.Empty(_adapter.ParseListings(pageText, BaseUrl));
    }

    // The id keys spell out the reasoning: brand|model|reference|price-in-cents, empty parts left out.
    [Theory]
    [InlineData("rolex-gmt-master-ii-16710-certified-pre-owned", "rolex|gmt master ii|16710|1250000")]
    [InlineData("rolex-cosmograph-daytona-116500ln-certified-pre-owned", "rolex|cosmograph daytona|116500ln")]
    [InlineData("rolex-datejust-36-certified-pre-owned", "rolex|datejust 36|850000")]
    [InlineData("vintage/omega-seamaster-30-2846-1958", "2846|490000")]
    [InlineData("cartier-santos-de-cartier-large-wssa0018-certified-pre-owned", "cartier|santos de cartier large|wssa0018|1250000")]
    [InlineData("panerai-luminor-marina-pam01312-certified-pre-owned", "panerai|luminor marina|pam01312|790000")]
    public void ParseListings_ReferenceParsesCorrectly_SameIdAsReference(string path, string expectedKey)
    {
        var listing = ListingAt(Shop + path);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Fact]
    public void ParseListings_GmtMaster_PinnedCompositeId()
    {
        // Golden value: a change here re-alerts every imported Rüschenbeck listing.
        Assert.Equal("5aaca442931b4ff9b1447e122241b363", ListingAt(Shop + "rolex-gmt-master-ii-16710-certified-pre-owned").CompositeId);
    }

    // Python monitor defect 14 (docs/python-monitor.md), fixed: the correct key is the id; the key the Python monitor computed is kept as the legacy id.
    [Theory]
    [InlineData("patek-philippe-aquanaut-5167a-certified-pre-owned", // multi-word brand leaked into the model
        "patek philippe|aquanaut|5167a|5890000",
        "Patek Philippe", "Philippe Aquanaut", "58900.00")]
    [InlineData("grand-seiko-heritage-snowflake-sbga211-certified-pre-owned",
        "grand seiko|heritage snowflake|sbga211|495000",
        "Grand Seiko", "Seiko Heritage Snowflake", "4950")]
    [InlineData("jaeger-lecoultre-reverso-classic-duoface-q3838420-certified-pre-owned",
        "jaeger-lecoultre|reverso classic duoface|q3838420|980000",
        "Jaeger-LeCoultre", "Lecoultre Reverso Classic Duoface", "9800")]
    [InlineData("tag-heuer-monaco-cbl2111-certified-pre-owned", // also: "5.490,00 €*" is unreadable to the Python monitor
        "tag heuer|monaco|cbl2111|549000",
        "TAG Heuer", "Heuer Monaco", null)]
    [InlineData("tudor-black-bay-fifty-eight-79030n-certified-pre-owned", // sale and list price in one element
        "tudor|black bay fifty eight|79030n|319000",
        "Tudor", "Black Bay Fifty Eight", null)]
    [InlineData("chopard-alpine-eagle-41-298600-3001-certified-pre-owned", // old and new price in one element
        "chopard|alpine eagle 41|298600-3001|1090000",
        "Chopard", "Alpine Eagle 41", null)]
    [InlineData("rolex-submariner-date-126610ln-certified-pre-owned", // "14.650,00 €*": the star defeats the Python monitor
        "rolex|submariner date|126610ln|1465000",
        "Rolex", "Submariner Date", null)]
    [InlineData("audemars-piguet-royal-oak-concept-26589io-oo-d030ca-01-certified-pre-owned", // two group separators; dotted reference in the slug
        "audemars piguet|royal oak concept|26589io.oo.d030ca.01|123456700",
        "Audemars Piguet", "Piguet Royal Oak Concept 26589Io Oo D030Ca 01", null)]
    [InlineData("omega-speedmaster-professional-moonwatch-310-30-42-50-01-002-certified-pre-owned", // dotted reference in the slug
        "omega|speedmaster professional moonwatch|310.30.42.50.01.002|645000",
        "Omega", "Speedmaster Professional Moonwatch 310 30 42 50 01 002", "6450")]
    [InlineData("a-lange-soehne-datograph-up-down-405-031-certified-pre-owned",
        "a. lange & söhne|datograph up down|405.031|8950000",
        "A. Lange & Söhne", "Lange Soehne Datograph Up Down 405 031", "89500.00")]
    [InlineData("zenith-defy-skyline-03-9300-3620-51-i001-certified-pre-owned", // "ab 5.900 €" is unreadable to the Python monitor
        "zenith|defy skyline|03.9300.3620/51.i001|590000",
        "Zenith", "Defy Skyline 03 9300 3620 51 I001", null)]
    public void ParseListings_ReferenceDefect_KeepsReferenceIdAsLegacy(
        string path, string expectedKey, string legacyBrand, string legacyModel, string? legacyPrice)
    {
        var listing = ListingAt(Shop + path);
        var legacy = new CompositeIdInputs(
            legacyBrand, legacyModel, listing.Reference, legacyPrice is null ? null : decimal.Parse(legacyPrice, CultureInfo.InvariantCulture),
            null, null, listing.Title, listing.Url);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(CompositeId.Compute(legacy), listing.LegacyCompositeId);
        Assert.NotEqual(listing.CompositeId, listing.LegacyCompositeId);
    }

    [Fact]
    public void ParseListings_MultiWordBrand_LegacyKeyShowsTheLeak()
    {
        var listing = ListingAt(Shop + "patek-philippe-aquanaut-5167a-certified-pre-owned");
        Assert.Equal(GoldenId.Of("patek philippe|philippe aquanaut|5167a|5890000"), listing.LegacyCompositeId);
        Assert.Equal("119a75f88c1f2e3f9890517561a54fff", listing.LegacyCompositeId); // golden: md5 of the key above
        Assert.Equal("6bdca509c48d0131608eaae1b576a10d", listing.CompositeId); // md5 of "patek philippe|aquanaut|5167a|5890000"
    }

    [Theory]
    [InlineData("https://x.de/patek-philippe-nautilus-5711-1a-certified-pre-owned", "5711/1A", "Patek Philippe", "Nautilus")]
    [InlineData("https://x.de/a-lange-und-soehne-lange-1-191-032-certified-pre-owned", "191.032", "A. Lange & Söhne", "Lange 1")]
    [InlineData("https://x.de/jaeger-le-coultre-master-ultra-thin-q1238420-certified-pre-owned", "Q1238420", "Jaeger-LeCoultre", "Master Ultra Thin")]
    [InlineData("https://x.de/glashutte-original-senator-1-39-59-01-02-04-certified-pre-owned", null, "Glashütte Original", "Senator 1 39 59 01 02 04")]
    [InlineData("https://x.de/Rolex-Explorer-II-226570-Certified-Pre-Owned", "226570", "Rolex", "Explorer Ii")]
    [InlineData("https://x.de/rolex-milgauss-116400gv-certified-pre-owned/?utm_source=newsletter", "116400GV", "Rolex", "Milgauss")]
    [InlineData("https://x.de/grand-seiko-certified-pre-owned", null, "Grand Seiko", null)]
    [InlineData("https://x.de/rolex-daytona-certified-pre-owned", null, "Rolex", null)]
    [InlineData("https://x.de/a-certified-pre-owned", null, "A. Lange & Söhne", null)]
    [InlineData("https://x.de/certified-pre-owned", null, null, null)]
    [InlineData("https://x.de/rolex-daytona-116500ln", "116500LN", null, null)]
    public void SlugParse_Slugs_ReadsBrandAndModel(string url, string? reference, string? brand, string? model)
    {
        Assert.Equal(new SlugParts(brand, model), RueschenbeckSlug.Parse(url, reference));
    }

    [Theory]
    [InlineData("https://x.de/patek-philippe-nautilus-5711-1a-certified-pre-owned", "5711/1A", "Patek Philippe", "Philippe Nautilus 5711 1A")]
    [InlineData("https://x.de/rolex-daytona-certified-pre-owned", null, "Rolex", null)]
    [InlineData("https://x.de/rolex-milgauss-116400gv-certified-pre-owned/", "116400GV", null, null)]
    [InlineData("https://x.de/Rolex-Explorer-226570-Certified-Pre-Owned", "226570", null, null)]
    [InlineData("https://x.de/nomos-club-campus-38-708-certified-pre-owned", "708", "Nomos", "Club Campus 38")]
    public void SlugParseAsReference_Slugs_KeepsReferenceReading(string url, string? reference, string? brand, string? model)
    {
        Assert.Equal(new SlugParts(brand, model), RueschenbeckSlug.ParseAsReference(url, reference));
    }

    [Fact]
    public void ApplyDetails_CurrentLayoutWithJsonLd_EnrichesEveryField()
    {
        var listing = ListingAt(Shop + "rolex-submariner-date-126610ln-certified-pre-owned");

        _adapter.ApplyDetails(listing, FixturePages.Read("Rueschenbeck", "detail-submariner.html"), BaseUrl);

        Assert.Equal("Rolex Submariner Date 126610LN", listing.Title); // JSON-LD name before the h1
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner Date", listing.Model);
        Assert.Equal("126610LN", listing.Reference);
        Assert.Equal("2021", listing.Year);
        Assert.Equal("Edelstahl (Oystersteel)", listing.CaseMaterial); // not the strap's "Armbandmaterial" row
        Assert.Equal("41mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal(14650.00m, listing.Price);
        Assert.Equal("€14.650", listing.PriceDisplay);
    }

    [Fact]
    public void ApplyDetails_EnglishPageWithBrokenJsonLd_ReadsPropertiesTable()
    {
        var listing = ListingAt(Shop + "a-lange-soehne-datograph-up-down-405-031-certified-pre-owned");

        _adapter.ApplyDetails(listing, FixturePages.Read("Rueschenbeck", "detail-lange.html"), BaseUrl);

        Assert.Equal("A. Lange & Söhne Datograph Up/Down", listing.Title);
        Assert.Equal("A. Lange & Söhne", listing.Brand);
        Assert.Equal("Datograph Up/Down", listing.Model);
        Assert.Equal("405.031", listing.Reference);
        Assert.Equal("2016", listing.Year);
        Assert.Equal("18K Pink Gold", listing.CaseMaterial);
        Assert.Equal("41.0mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition); // "Excellent" outranks "signs of wear"
        Assert.True(listing.HasBox);
        Assert.False(listing.HasPapers); // "no papers" read as a negative
    }

    [Fact]
    public void ApplyDetails_OldLayout_FallsBackToOldSelectors()
    {
        var listing = ListingAt(Shop + "rolex-gmt-master-ii-16710-certified-pre-owned");

        _adapter.ApplyDetails(listing, FixturePages.Read("Rueschenbeck", "detail-old-layout.html"), BaseUrl);

        Assert.Equal("GMT-Master II „Pepsi“", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("GMT-Master II", listing.Model);
        Assert.Equal("16710BLRO", listing.Reference); // longer than the card's "16710"
        Assert.Equal("1999", listing.Year);
        Assert.Equal("Edelstahl", listing.CaseMaterial);
        Assert.Equal("40mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition); // the condition block overrides the "Guter Zustand" row
        Assert.True(listing.HasBox);
        Assert.False(listing.HasPapers);
    }

    [Fact]
    public void ApplyDetails_SparsePage_KeepsWhatItCannotImprove()
    {
        var listing = ListingAt(Shop + "rolex-air-king-116900-certified-pre-owned");

        _adapter.ApplyDetails(listing, FixturePages.Read("Rueschenbeck", "detail-sparse.html"), BaseUrl);

        Assert.Equal("Rolex Air-King", listing.Title); // JSON-LD in an @graph, trimmed
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Air King", listing.Model);
        Assert.Equal("116900", listing.Reference); // "1169" is shorter
        Assert.Null(listing.Year); // "Revisionsjahr" is not the year of manufacture
        Assert.Null(listing.CaseMaterial); // "Gehäuseform" is not a material
        Assert.Equal("39 x 46 mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition); // "siehe Fotos" rates nothing; the CPO badge stays
        Assert.False(listing.HasBox);
        Assert.True(listing.HasPapers);
    }

    [Theory]
    [InlineData("rolex-submariner-date-126610ln-certified-pre-owned", "detail-submariner.html")]
    [InlineData("a-lange-soehne-datograph-up-down-405-031-certified-pre-owned", "detail-lange.html")]
    [InlineData("rolex-gmt-master-ii-16710-certified-pre-owned", "detail-old-layout.html")]
    [InlineData("rolex-air-king-116900-certified-pre-owned", "detail-sparse.html")]
    public void ApplyDetails_DetailPage_LeavesCompositeIdUnchanged(string path, string detailPage)
    {
        var listing = ListingAt(Shop + path);
        var (id, legacy) = (listing.CompositeId, listing.LegacyCompositeId);

        _adapter.ApplyDetails(listing, FixturePages.Read("Rueschenbeck", detailPage), BaseUrl);

        Assert.Equal(id, listing.CompositeId);
        Assert.Equal(legacy, listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><h1>404 – Seite nicht gefunden</h1></body></html>")]
    [InlineData("not html at all {")]
    public void ApplyDetails_GarbagePage_ChangesNothing(string pageText)
    {
        var listing = ListingAt(Shop + "rolex-gmt-master-ii-16710-certified-pre-owned");

        _adapter.ApplyDetails(listing, pageText, BaseUrl);

        Assert.Equal("Rolex GMT-Master II „Pepsi“", listing.Title);
        Assert.Equal(("Rolex", "Gmt Master Ii", "16710"), (listing.Brand, listing.Model, listing.Reference));
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        Assert.Null(listing.Year);
        Assert.Null(listing.HasBox);
    }

    [Fact]
    public void ApplyDetails_BareListing_TakesReferenceAndBrandFromThePage()
    {
        var listing = _adapter.CreateBareListing(Shop + "rolex-submariner-date-126610ln-certified-pre-owned");
        var id = listing.CompositeId;

        _adapter.ApplyDetails(listing, FixturePages.Read("Rueschenbeck", "detail-submariner.html"), BaseUrl);

        Assert.Equal(("Rolex", "Submariner Date", "126610LN"), (listing.Brand, listing.Model, listing.Reference));
        Assert.Equal(id, listing.CompositeId);
    }

    [Theory]
    [InlineData("41 mm", "41mm")]
    [InlineData("40,5mm", "40.5mm")]
    [InlineData("Ø 39,5 mm", "39.5mm")]
    [InlineData("40", "40mm")]
    [InlineData("40,5", "40.5mm")]
    [InlineData("  36 ", "36mm")]
    [InlineData("39 x 46 mm", "39 x 46 mm")]
    [InlineData("Herrengröße", "Herrengröße")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NormalizeDiameter_Texts_Normalises(string? text, string? expected)
    {
        Assert.Equal(expected, DiameterText.Normalize(text));
    }

    [Fact]
    public async Task FetchListingsAsync_PaginatedListing_ReadsPagesUntilOneAddsNothing()
    {
        var fetcher = new RecordingPageFetcher(new Dictionary<string, string>
        {
            [ListingUrl] = FixturePages.Read("Rueschenbeck", "listing.html"),
            [ListingUrl + "?p=2"] = FixturePages.Read("Rueschenbeck", "listing-page2.html"),
            [ListingUrl + "?p=3"] = FixturePages.Read("Rueschenbeck", "listing-page3.html"),
        });

        var listings = await _adapter.FetchListingsAsync(fetcher, new SiteEndpoints(ListingUrl, BaseUrl), CancellationToken.None);

        // Page 3 is empty, so page 4 of 4 (and page 5 that page 2 announces) is never asked for.
        Assert.Equal([ListingUrl, ListingUrl + "?p=2", ListingUrl + "?p=3"], fetcher.Requested);
        Assert.Equal(23 + 4, listings.Count);
        Assert.Equal(listings.Count, listings.Select(l => l.Url).Distinct(StringComparer.Ordinal).Count());
        var vacheron = Assert.Single(listings, l => l.Url == Shop + "vacheron-constantin-overseas-4500v-110a-b128-certified-pre-owned");
        Assert.Equal(("Vacheron Constantin", "Overseas", "4500V/110A-B128"), (vacheron.Brand, vacheron.Model, vacheron.Reference));
        var girard = Assert.Single(listings, l => l.Url == Shop + "girard-perregaux-laureato-81010-11-431-11a-certified-pre-owned");
        Assert.Equal(("Girard-Perregaux", "Laureato"), (girard.Brand, girard.Model));
    }

    [Fact]
    public async Task FetchListingsAsync_NoPagination_FetchesOnePage()
    {
        var fetcher = new RecordingPageFetcher(new Dictionary<string, string> { [ListingUrl] = Page(Card("")) });

        var listings = await _adapter.FetchListingsAsync(fetcher, new SiteEndpoints(ListingUrl, BaseUrl), CancellationToken.None);

        Assert.Single(listings);
        Assert.Equal([ListingUrl], fetcher.Requested);
    }

    [Fact]
    public async Task FetchListingsAsync_RunawayPagination_StopsAtCap()
    {
        var fetcher = new RecordingPageFetcher(url =>
        {
            var page = url.Contains("?p=", StringComparison.Ordinal) ? url[(url.IndexOf("?p=", StringComparison.Ordinal) + 3)..] : "1";
            return Page(Card("", "rolex-submariner-" + page + "-certified-pre-owned"), RadioPagination(999));
        });

        var listings = await _adapter.FetchListingsAsync(fetcher, new SiteEndpoints(ListingUrl, BaseUrl), CancellationToken.None);

        Assert.Equal(ShopwarePagination.MaxPages, fetcher.Requested.Count);
        Assert.Equal(ShopwarePagination.MaxPages, listings.Count);
        Assert.Equal(ListingUrl + "?p=20", fetcher.Requested[^1]);
    }

    [Fact]
    public async Task FetchListingsAsync_PageRepeatsPageOne_StopsEarly()
    {
        var first = Page(Card(""), RadioPagination(6));
        var fetcher = new RecordingPageFetcher(_ => first);

        var listings = await _adapter.FetchListingsAsync(fetcher, new SiteEndpoints(ListingUrl, BaseUrl), CancellationToken.None);

        Assert.Single(listings);
        Assert.Equal([ListingUrl, ListingUrl + "?p=2"], fetcher.Requested);
    }

    [Fact]
    public async Task FetchListingsAsync_PageOfSoldWatches_ReadsOn()
    {
        var sold = "<div class=\"badge\">Verkauft</div>";
        var fetcher = new RecordingPageFetcher(new Dictionary<string, string>
        {
            [ListingUrl] = Page(Card("", "rolex-a-1-certified-pre-owned"), RadioPagination(3)),
            [ListingUrl + "?p=2"] = Page(Card(sold, "rolex-b-2-certified-pre-owned") + Card(sold, "rolex-c-3-certified-pre-owned")),
            [ListingUrl + "?p=3"] = Page(Card("", "rolex-d-4-certified-pre-owned")),
        });

        var listings = await _adapter.FetchListingsAsync(fetcher, new SiteEndpoints(ListingUrl, BaseUrl), CancellationToken.None);

        Assert.Equal([Shop + "rolex-a-1-certified-pre-owned", Shop + "rolex-d-4-certified-pre-owned"], listings.Select(l => l.Url));
        Assert.Equal(3, fetcher.Requested.Count);
    }

    [Fact]
    public async Task FetchListingsAsync_LaterPageFails_Throws()
    {
        var fetcher = new RecordingPageFetcher(new Dictionary<string, string>
        {
            [ListingUrl] = FixturePages.Read("Rueschenbeck", "listing.html"),
        });

        await Assert.ThrowsAsync<HttpRequestException>(
            () => _adapter.FetchListingsAsync(fetcher, new SiteEndpoints(ListingUrl, BaseUrl), CancellationToken.None));
    }

    [Fact]
    public async Task FetchListingsAsync_Cancelled_Throws()
    {
        var fetcher = new RecordingPageFetcher(_ => FixturePages.Read("Rueschenbeck", "listing.html"));
        using var cancellation = new CancellationTokenSource();
        var cancellingFetcher = new CancellingFetcher(fetcher, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _adapter.FetchListingsAsync(cancellingFetcher, new SiteEndpoints(ListingUrl, BaseUrl), cancellation.Token));
        Assert.Single(fetcher.Requested);
    }

    [Theory]
    [InlineData("listing.html", 4)]
    [InlineData("listing-page2.html", 5)]
    [InlineData("listing-page3.html", 5)]
    [InlineData("detail-submariner.html", 1)]
    public void LastPage_FixturePages_ReadsHighestPageNumber(string fixture, int expected)
    {
        Assert.Equal(expected, LastPageOf(FixturePages.Read("Rueschenbeck", fixture)));
    }

    [Theory]
    [InlineData("<ul class=\"pagination\"><li><input type=\"radio\" name=\"p\" value=\"7\"></li></ul>", 7)]
    [InlineData("<nav class=\"pagination-nav\"><a class=\"page-link\" href=\"?order=price-asc&amp;p=12\">12</a></nav>", 12)]
    [InlineData("<ul class=\"pagination\"><li><a class=\"page-link\" data-page=\"9\">…</a></li></ul>", 9)]
    [InlineData("<ul class=\"pagination\"><li><input name=\"p\" value=\"abc\"><input name=\"p\" value=\"-3\"></li></ul>", 1)]
    [InlineData("<ul class=\"pagination\"><li><input name=\"p\" value=\"99999999999999\"></li></ul>", 1)]
    [InlineData("<nav class=\"main-navigation\"><a href=\"/uhren?p=8\">Uhren</a></nav>", 1)]
    [InlineData("", 1)]
    public void LastPage_PaginationMarkup_ReadsHighestPageNumber(string markup, int expected)
    {
        Assert.Equal(expected, LastPageOf(Page("", markup)));
    }

    [Theory]
    [InlineData(ListingUrl, 2, ListingUrl + "?p=2")]
    [InlineData(ListingUrl + "?order=price-asc", 3, ListingUrl + "?order=price-asc&p=3")]
    [InlineData(ListingUrl + "?p=1&order=date-desc", 4, ListingUrl + "?order=date-desc&p=4")]
    [InlineData(ListingUrl + "#top", 2, ListingUrl + "?p=2#top")]
    public void PageUrl_ListingUrl_SetsPageParameter(string listingUrl, int page, string expected)
    {
        Assert.Equal(expected, ShopwarePagination.PageUrl(listingUrl, page));
    }

    private ListingPage ParseListingPage() =>
        _adapter.ParseListings(FixturePages.Read("Rueschenbeck", "listing.html"), BaseUrl);

    private Listing ListingAt(string url) => Assert.Single(ParseListingPage(), l => l.Url == url);

    private int LastPageOf(string pageText) => _adapter.ParsePage(pageText, BaseUrl).LastPage;

    private static string Card(string extraMarkup, string slug = "rolex-explorer-ii-226570-certified-pre-owned") =>
        $"""
        <div class="product-list-item card product-box box-standard">
            <a class="card-body" href="/{slug}" data-title="Rolex Explorer II">
                {extraMarkup}
                <img class="product-image" src="/thumbnail/explorer_400x400.jpg">
                <span data-product-number="226570#*1">Ref. 226570</span>
                <span class="product-price">9.950,00 €*</span>
            </a>
        </div>
        """;

    private static string Page(string cards, string pagination = "") =>
        $"""
        <!DOCTYPE html>
        <html><body><div class="cms-element-product-listing">{pagination}<div class="row cms-listing-row">{cards}</div></div></body></html>
        """;

    private static string RadioPagination(int lastPage)
    {
        var builder = new StringBuilder("<nav class=\"pagination-nav\"><ul class=\"pagination\">");
        builder.Append(CultureInfo.InvariantCulture, $"<li class=\"page-item page-last\"><input type=\"radio\" name=\"p\" value=\"{lastPage}\"></li>");
        return builder.Append("</ul></nav>").ToString();
    }

    /// <summary>Cancels the token after the first page, as a host shutting down mid-walk would.</summary>
    private sealed class CancellingFetcher(IPageFetcher inner, CancellationTokenSource cancellation) : IPageFetcher
    {
        public async Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await inner.GetStringAsync(url, cancellationToken);
            await cancellation.CancelAsync();
            return page;
        }
    }
}
