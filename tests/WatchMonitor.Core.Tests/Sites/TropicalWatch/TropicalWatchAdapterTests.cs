using WatchMonitor.Core.Tests.Listings;
using System.Globalization;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.TropicalWatch;

namespace WatchMonitor.Core.Tests.Sites.TropicalWatch;

public sealed class TropicalWatchAdapterTests
{
    private const string BaseUrl = "https://tropicalwatch.com";
    private const string Watches = BaseUrl + "/watches/";
    private const string GmtMasterUrl = Watches + "1968-rolex-gmt-master-1675";

    private static readonly TropicalWatchAdapter Adapter = new();

    [Fact]
    public void ParseListings_SavedPage_ReturnsEveryPricedListingInPageOrder()
    {
        var listings = ParseSavedListingPage();

        Assert.Equal(21, listings.Count);
        Assert.Equal(GmtMasterUrl, listings[0].Url);
        Assert.Equal(Watches + "omega-constellation-pie-pan-168-005-18k-yg", listings[^1].Url);
        Assert.All(listings, listing => Assert.Equal("tropicalwatch", listing.SiteKey));
    }

    [Fact]
    public void ParseListings_FirstCard_ReadsEveryField()
    {
        var listing = ParseSavedListingPage()[0];

        Assert.Equal("1968 Rolex GMT-Master 1675", listing.Title);
        Assert.Equal(GmtMasterUrl, listing.Url);
        Assert.Equal(10200m, listing.Price);
        Assert.Equal("USD", listing.Currency);
        Assert.Equal("$10.200", listing.PriceDisplay);
        Assert.Equal("https://tropicalwatch.s3.amazonaws.com/uploads/watch/photo/4411/small_IMG_1675_front.jpg", listing.ImageUrl);
        Assert.Null(listing.Brand);
        Assert.Null(listing.Model);
        Assert.Null(listing.Reference);
        Assert.Null(listing.Year);
        Assert.Null(listing.Condition);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.HasPapers);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Diameter);
        // docs/ids.md test vector, computed with the Python monitor.
        Assert.Equal("41757d9461ef3c85be54baf4ff7d59c2", listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("1967-rolex-submariner-5513-meters-first", "1967 Rolex Submariner 5513 ‘Meters First’", "18500", "$18.500")]
    [InlineData("1970-omega-speedmaster-professional-145-022", "1970 Omega Speedmaster Professional 145.022", "7950.00", "$7.950")]
    [InlineData("1941-patek-philippe-perpetual-calendar-chronograph-1518", "1941 Patek Philippe Perpetual Calendar Chronograph 1518", "1234567", "$1.234.567")]
    [InlineData("1960s-universal-geneve-polerouter-18k-yg", "1960s Universal Geneve Polerouter 18k YG", "8500.00", "$8.500")]
    [InlineData("a-lange-sohne-1815-chronograph-402-032", "A. Lange & Söhne 1815 Chronograph 402.032", "12500", "$12.500")]
    [InlineData("jaeger-lecoultre-memovox-e855", "Jaeger-LeCoultre Memovox E855", "12500", "$12.500")]
    [InlineData("1971-cartier-tank-louis-18k-pg", "1971 Cartier Tank Louis 18k PG", "3190.00", "$3.190")]
    [InlineData("audemars-piguet-royal-oak-5402st-a-series", "Audemars Piguet Royal Oak 5402ST ‘A-Series’", "1234567", "$1.234.567")]
    [InlineData("longines-13zn-flyback-chronograph", "Longines 13ZN Flyback Chronograph", "4950", "$4.950")]
    [InlineData("1959-iwc-cal-89-steel", "1959 IWC Cal. 89 Steel", "3850", "$3.850")]
    [InlineData("mystery-dial-dress-watch", "Unknown Watch", "2100", "$2.100")]
    [InlineData("1983-rolex-explorer-ii-16550-cream", "1983 Rolex Explorer II 16550 “Cream”", "14750", "$14.750")]
    [InlineData("breitling-navitimer-806-aopa", "Breitling Navitimer 806 AOPA", "6300", "$6.300")]
    [InlineData("zenith-a384-el-primero-gay-freres-bracelet", "Zenith A384 El Primero & Gay Frères Bracelet", "11200", "$11.200")]
    [InlineData("heuer-carrera-2447s", "Heuer Carrera 2447S", "8250.50", "$8.250")]
    [InlineData("cartier-santos-galbee", "Cartier Santos Galbée", "3300", "$3.300")]
    public void ParseListings_SavedCards_ReadTitleAndPrice(string slug, string title, string price, string display)
    {
        var listing = ListingAt(Watches + slug);

        Assert.Equal(title, listing.Title);
        Assert.Equal(decimal.Parse(price, CultureInfo.InvariantCulture), listing.Price);
        Assert.Equal(display, listing.PriceDisplay);
        Assert.Equal("USD", listing.Currency);
    }

    [Theory]
    [InlineData("1969-heuer-autavia-2446-mark-iii")] // SOLD
    [InlineData("rolex-daytona-6263-big-red")] // Price on Request
    [InlineData("1965-tudor-submariner-7928")] // empty price
    [InlineData("1972-zenith-el-primero-a386")] // no link in the photo wrapper
    [InlineData("panerai-radiomir-pam00103")] // Verkauft
    [InlineData("omega-seamaster-300-165-024")] // Preis auf Anfrage
    [InlineData("tudor-oysterdate-7966-big-block")] // On Hold
    public void ParseListings_CardWithoutPriceOrLink_IsSkipped(string slug) =>
        Assert.DoesNotContain(ParseSavedListingPage(), listing => listing.Url == Watches + slug);

    [Fact]
    public void ParseListings_LinkWithoutHref_IsSkipped() =>
        Assert.DoesNotContain(ParseSavedListingPage(), listing => listing.Title.Contains("Gruen", StringComparison.Ordinal));

    [Theory]
    [InlineData("1967-rolex-submariner-5513-meters-first", "https://tropicalwatch.s3.amazonaws.com/uploads/watch/photo/4410/small_5513_dial.jpg")]
    [InlineData("omega-constellation-pie-pan-168-005-18k-yg", "https://tropicalwatch.s3.amazonaws.com/uploads/watch/photo/4383/small_168005.jpg")]
    [InlineData("rolex-datejust-1601-pie-pan", "https://tropicalwatch.com/uploads/watch/photo/4386/small_1601.jpg")]
    [InlineData("cartier-santos-galbee", null)]
    public void ParseListings_Images_PreferRealPhotoOverLazyPlaceholder(string slug, string? expected) =>
        Assert.Equal(expected, ListingAt(Watches + slug).ImageUrl);

    [Fact]
    public void ParseListings_AbsoluteHref_IsKeptAsIs() =>
        Assert.Equal("https://tropicalwatch.com/watches/1983-rolex-explorer-ii-16550-cream", ListingAt(Watches + "1983-rolex-explorer-ii-16550-cream").Url);

    // Every id is the fallback form title|usd-cents|url: brand, model and reference are never set on the listing.
    [Theory]
    [InlineData("1968-rolex-gmt-master-1675",
        "1968 rolex gmt-master 1675|1020000|https://tropicalwatch.com/watches/1968-rolex-gmt-master-1675",
        "41757d9461ef3c85be54baf4ff7d59c2")]
    [InlineData("1967-rolex-submariner-5513-meters-first",
        "1967 rolex submariner 5513 ‘meters first’|1850000|https://tropicalwatch.com/watches/1967-rolex-submariner-5513-meters-first",
        "0dfc231aedc66e238f0929d5ebe58bae")]
    [InlineData("a-lange-sohne-1815-chronograph-402-032",
        "a. lange & söhne 1815 chronograph 402.032|1250000|https://tropicalwatch.com/watches/a-lange-sohne-1815-chronograph-402-032",
        "5b8061e773c7bbb6ec6781e7a1e9e8ac")]
    [InlineData("heuer-carrera-2447s",
        "heuer carrera 2447s|825050|https://tropicalwatch.com/watches/heuer-carrera-2447s",
        "fdcc809943bb970b89e36c0ad75c6c3c")]
    [InlineData("mystery-dial-dress-watch",
        "unknown watch|210000|https://tropicalwatch.com/watches/mystery-dial-dress-watch",
        "56729cb9c5094ef6846055a45298cd8c")]
    public void ParseListings_CompositeId_IsTitlePriceUrlFallback(string slug, string expectedKey, string expectedId)
    {
        var listing = ListingAt(Watches + slug);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(expectedId, listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    // The Python monitor's digits-and-dots filter turns a decimal comma into a fraction ("EUR 8.500,00" → "8.50000" → 8.5),
    // so its id carries 850 cents; we read 8500 and keep the Python monitor's id as the legacy id.
    [Theory]
    [InlineData("1960s-universal-geneve-polerouter-18k-yg",
        "1960s universal geneve polerouter 18k yg|850000|https://tropicalwatch.com/watches/1960s-universal-geneve-polerouter-18k-yg",
        "f0d18dde1abde2e8fa718d36f723a7c6", "ac70d21e84ac429b30503ea5db48a25f")]
    [InlineData("1971-cartier-tank-louis-18k-pg",
        "1971 cartier tank louis 18k pg|319000|https://tropicalwatch.com/watches/1971-cartier-tank-louis-18k-pg",
        "37fdf7141036d74f013edf0174a2769e", "d3bf398d29159e2de3778201628ad9f1")]
    public void ParseListings_DecimalCommaPrice_KeepsReferenceIdAsLegacy(string slug, string expectedKey, string expectedId, string expectedLegacyId)
    {
        var listing = ListingAt(Watches + slug);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(expectedId, listing.CompositeId);
        Assert.Equal(expectedLegacyId, listing.LegacyCompositeId);
    }

    // "1.234.567 €" → "1.234.567": the Python monitor could not read it and skipped the listing, so no id of its exists.
    [Fact]
    public void ParseListings_PriceTheReferenceCouldNotRead_HasNoLegacyId()
    {
        var listing = ListingAt(Watches + "audemars-piguet-royal-oak-5402st-a-series");

        Assert.Equal(
            GoldenId.Of("audemars piguet royal oak 5402st ‘a-series’|123456700|https://tropicalwatch.com/watches/audemars-piguet-royal-oak-5402st-a-series"),
            listing.CompositeId);
        Assert.Equal("09825d4036b17a600563c622ce9fcf5d", listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("$10,200", "10200")]
    [InlineData("SOLD", "")]
    [InlineData("EUR 8.500,00", "8.50000")]
    [InlineData("$ 12,500.00", "12500.00")]
    public void DigitsAndDots_PriceText_KeepsWhatTheReferenceKept(string text, string expected) =>
        Assert.Equal(expected, TropicalWatchPrices.DigitsAndDots(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body><p>Service unavailable</p></body></html>")]
    [InlineData("{\"error\": \"not html\"}")]
    [InlineData("<<<li class=\"watch\"><div class=\"content\"")]
    [InlineData("<ul><li class=\"watch\"></li><li class=\"watch\"><div class=\"photo-wrapper\"><a href=\"/watches/x\"></a></div></li></ul>")]
    public void ParseListings_GarbageOrEmptyPage_ReturnsEmpty(string page) =>
        Assert.Empty(Adapter.ParseListings(page, BaseUrl));

    [Fact]
    public void ApplyDetails_FullSpecTable_TakesTableValuesAndDescription()
    {
        var listing = ListingAt(GmtMasterUrl);

        ApplyDetailPage(listing, "detail-1968-rolex-gmt-master-1675.html");

        Assert.Equal("1968 Rolex GMT-Master 1675", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("GMT-Master", listing.Model);
        Assert.Equal("1675", listing.Reference);
        Assert.Equal("1968", listing.Year);
        Assert.Equal("Stainless Steel", listing.CaseMaterial);
        Assert.Equal("40mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal(10200m, listing.Price);
        Assert.Equal("$10.200", listing.PriceDisplay);
        Assert.Equal("41757d9461ef3c85be54baf4ff7d59c2", listing.CompositeId);
    }

    [Fact]
    public void ApplyDetails_SparseTable_FallsBackToTitleAndDescription()
    {
        var listing = ListingAt(Watches + "1970-omega-speedmaster-professional-145-022");

        ApplyDetailPage(listing, "detail-1970-omega-speedmaster-145-022.html");

        Assert.Equal("1970 Omega Speedmaster Professional 145.022 Stainless Steel", listing.Title);
        Assert.Equal("Omega", listing.Brand);
        Assert.Equal("1970", listing.Year);
        // The Python monitor removes the brand only at the very start of the title, which here begins with the year.
        Assert.Equal("Omega Speedmaster Professional", listing.Model);
        Assert.Equal("145.022", listing.Reference);
        Assert.Equal("Steel", listing.CaseMaterial);
        Assert.Equal("42mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        // Python monitor defect 8 (docs/python-monitor.md): "Accessories: None" means neither box nor papers (the Python monitor left both unknown).
        Assert.False(listing.HasBox);
        Assert.False(listing.HasPapers);
    }

    [Fact]
    public void ApplyDetails_TableBrandAbsentFromTitle_TitleBrandWins()
    {
        var listing = Adapter.CreateBareListing(Watches + "1969-heuer-autavia-2446-mark-iii");

        ApplyDetailPage(listing, "detail-1969-heuer-autavia-2446.html");

        Assert.Equal("1969 Heuer Autavia 2446 ‘Mark III’", listing.Title);
        Assert.Equal("Heuer", listing.Brand);
        Assert.Equal("Autavia", listing.Model);
        Assert.Equal("2446", listing.Reference);
        Assert.Equal("1969", listing.Year);
        Assert.Equal("Stainless steel", listing.CaseMaterial);
        Assert.Equal("39 mm", listing.Diameter);
        Assert.Equal(ConditionRater.ThreeStars, listing.Condition);
        Assert.True(listing.HasBox);
        Assert.False(listing.HasPapers);
        Assert.Null(listing.Price);
    }

    [Fact]
    public void ApplyDetails_NoSpecTable_ReadsEverythingFromTitle()
    {
        var listing = ListingAt(Watches + "1960s-universal-geneve-polerouter-18k-yg");

        ApplyDetailPage(listing, "detail-universal-geneve-polerouter.html");

        Assert.Equal("Universal Geneve Polerouter Jet 20217-2 18k YG 35mm", listing.Title);
        Assert.Equal("Universal Geneve", listing.Brand);
        Assert.Equal("Polerouter Jet 20217-2", listing.Model);
        Assert.Null(listing.Reference);
        Assert.Null(listing.Year);
        Assert.Equal("Yellow Gold", listing.CaseMaterial);
        Assert.Equal("35mm", listing.Diameter);
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.HasPapers);
        Assert.Equal(8500m, listing.Price);
    }

    [Theory]
    [InlineData("1968-rolex-gmt-master-1675", "detail-1968-rolex-gmt-master-1675.html")]
    [InlineData("1970-omega-speedmaster-professional-145-022", "detail-1970-omega-speedmaster-145-022.html")]
    [InlineData("1960s-universal-geneve-polerouter-18k-yg", "detail-universal-geneve-polerouter.html")]
    [InlineData("1971-cartier-tank-louis-18k-pg", "detail-1969-heuer-autavia-2446.html")]
    public void ApplyDetails_AnyDetailPage_LeavesIdsUnchanged(string slug, string detailPage)
    {
        var listing = ListingAt(Watches + slug);
        var (id, legacyId) = (listing.CompositeId, listing.LegacyCompositeId);

        ApplyDetailPage(listing, detailPage);

        Assert.Equal(id, listing.CompositeId);
        Assert.Equal(legacyId, listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><h1>Page not found</h1></body></html>")]
    public void ApplyDetails_PageWithoutDetails_KeepsListingTitleAndPrice(string page)
    {
        var listing = ListingAt(GmtMasterUrl);

        Adapter.ApplyDetails(listing, page, BaseUrl);

        Assert.Equal("1968 Rolex GMT-Master 1675", listing.Title);
        Assert.Equal("$10.200", listing.PriceDisplay);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.Condition);
        Assert.Equal("41757d9461ef3c85be54baf4ff7d59c2", listing.CompositeId);
    }

    [Theory]
    [InlineData("None", false, false)]
    [InlineData("none.", false, false)]
    [InlineData("No box, no papers", false, false)]
    [InlineData("Box and papers", true, true)]
    [InlineData("Original box only", null, true)]
    [InlineData("Warranty card, no box", true, false)]
    public void ApplyDetails_Accessories_ReadsBoxAndPapers(string accessories, bool? papers, bool? box)
    {
        var listing = Adapter.CreateBareListing(Watches + "x");

        Adapter.ApplyDetails(listing, DescriptionPage($"<p><strong>Accessories:</strong> {accessories}</p>"), BaseUrl);

        Assert.Equal(papers, listing.HasPapers);
        Assert.Equal(box, listing.HasBox);
    }

    [Fact]
    public void ApplyDetails_Description_RatesOnlyConditionParagraphs()
    {
        var listing = Adapter.CreateBareListing(Watches + "x");

        Adapter.ApplyDetails(listing, DescriptionPage(
            "<p><strong>Shipping:</strong> Ships in new old stock packaging.</p>" +
            "<p><strong>Dial:</strong> Fair condition, patina throughout.</p>"), BaseUrl);

        Assert.Equal(ConditionRater.TwoStars, listing.Condition);
    }

    [Theory]
    [InlineData("Rolex", "1968 Rolex GMT-Master 1675", "Rolex")]
    [InlineData("rolex", "1968 Rolex GMT-Master 1675", "rolex")]
    [InlineData("TAG Heuer", "1969 Heuer Autavia 2446", "Heuer")]
    [InlineData("Tudor", "Rolex for Tudor Submariner 7928", "Tudor")]
    [InlineData("Tudor", "1965 Rolex Submariner 5513", "Rolex")]
    [InlineData(null, "1965 Tudor Submariner 7928 by Rolex", "Tudor")]
    [InlineData("Gruen", "1950 Gruen Curvex", "Gruen")]
    [InlineData(null, "1950 Gruen Curvex", null)]
    public void ApplyDetails_Brand_TableUnlessTitleNamesAnother(string? tableBrand, string title, string? expected)
    {
        var listing = Adapter.CreateBareListing(Watches + "x");
        var rows = tableBrand is null ? "" : $"<tr><th>Brand:</th><td>{tableBrand}</td></tr>";

        Adapter.ApplyDetails(listing, DetailPage(title, rows), BaseUrl);

        Assert.Equal(expected, listing.Brand);
    }

    [Theory]
    [InlineData("1968", "Rolex GMT-Master", "1968")]
    [InlineData("Circa 1970s", "1972 Omega Seamaster", "1972")]
    [InlineData(null, "1965 Tudor Submariner 7928", "1965")]
    [InlineData(null, "Tudor Submariner 7928", null)]
    public void ApplyDetails_Year_TableThenTitle(string? tableYear, string title, string? expected)
    {
        var listing = Adapter.CreateBareListing(Watches + "x");
        var rows = tableYear is null ? "" : $"<tr><th>Year:</th><td>{tableYear}</td></tr>";

        Adapter.ApplyDetails(listing, DetailPage(title, rows), BaseUrl);

        Assert.Equal(expected, listing.Year);
    }

    [Fact]
    public void ApplyDetails_UnknownOrEmptyRows_AreIgnored()
    {
        var listing = Adapter.CreateBareListing(Watches + "x");

        Adapter.ApplyDetails(listing, DetailPage(
            "Rolex Submariner 5513 Steel 40mm",
            "<tr><th>case material</th><td>Gold</td></tr><tr><th>Case Material:</th><td> </td></tr><tr><th>Reference:</th></tr>"), BaseUrl);

        Assert.Equal("Steel", listing.CaseMaterial);
        Assert.Equal("40mm", listing.Diameter);
        Assert.Equal("Submariner Steel 40Mm", listing.Model);
        Assert.Null(listing.Reference);
    }

    private static WatchMonitor.Sites.ListingPage ParseSavedListingPage() =>
        Adapter.ParseListings(FixturePages.Read("TropicalWatch", "listing.html"), BaseUrl);

    private static Listing ListingAt(string url) =>
        Assert.Single(ParseSavedListingPage(), listing => listing.Url == url);

    private static void ApplyDetailPage(Listing listing, string fileName) =>
        Adapter.ApplyDetails(listing, FixturePages.Read("TropicalWatch", fileName), BaseUrl);

    private static string DetailPage(string title, string tableRows) =>
        $"""
        <html><body><main class="watch-main">
          <h1 class="watch-main-title">{title}</h1>
          <div class="watch-main-details-content"><table class="watch-main-details-table">{tableRows}</table></div>
        </main></body></html>
        """;

    private static string DescriptionPage(string paragraphs) =>
        $"""
        <html><body><main class="watch-main">
          <h1 class="watch-main-title">Watch</h1>
          <div class="watch-main-description">{paragraphs}</div>
        </main></body></html>
        """;
}
