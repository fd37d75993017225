using WatchMonitor.Core.Tests.Listings;
using System.Globalization;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.Grimmeissen;

namespace WatchMonitor.Core.Tests.Sites.Grimmeissen;

public sealed class GrimmeissenAdapterTests
{
    private const string BaseUrl = "https://www.grimmeissen.de";
    private const string WatchUrl = BaseUrl + "/de/uhren/";

    private static readonly string[] SlugsWithUnreadableReferencePrice =
    [
        "iwc-big-pilot-5002-24096",
        "omega-seamaster-300-165-024-24098",
        "panerai-luminor-marina-pam00111-24094",
        "patek-philippe-2499-ewiger-kalender-chronograph-24113",
        "tudor-heritage-ranger-79910-24112",
    ];

    private readonly GrimmeissenAdapter _adapter = new();

    [Fact]
    public void ParseListings_SavedPage_ReturnsEveryLinkedWatchInPageOrder()
    {
        var listings = ParseSavedListingPage();

        Assert.Equal(25, listings.Count);
        Assert.Equal(WatchUrl + "rolex-submariner-date-116610ln-24117", listings[0].Url);
        Assert.Equal(WatchUrl + "vacheron-constantin-overseas-4500v-24091", listings[^1].Url);
        Assert.All(listings, listing =>
        {
            Assert.Equal("grimmeissen", listing.SiteKey);
            Assert.Equal("EUR", listing.Currency);
            Assert.Matches("^[0-9a-f]{32}$", listing.CompositeId);
        });
    }

    [Fact]
    public void ParseListings_SavedPage_SkipsItemsWithoutLinkAndOtherArticles()
    {
        var urls = ParseSavedListingPage().Select(listing => listing.Url).ToList();

        // 24103 has no <a> in its figure, 24102 an <a> without href; the teaser article is not article.watch.
        Assert.DoesNotContain(urls, url => url.EndsWith("-24103", StringComparison.Ordinal));
        Assert.DoesNotContain(urls, url => url.EndsWith("-24102", StringComparison.Ordinal));
        Assert.DoesNotContain(BaseUrl + "/de/ankauf", urls);
        Assert.Equal(urls.Count, urls.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("rolex-submariner-date-116610ln-24117", "Rolex Submariner Date 116610LN", "Rolex", "Submariner Date 116610LN", "12500", "€12.500")]
    [InlineData("patek-philippe-nautilus-5711-1a-010-24116", "Patek Philippe Nautilus 5711/1A-010", "Patek Philippe", "Nautilus 5711/1A-010", null, null)]
    [InlineData("omega-speedmaster-professional-moonwatch-3570-50-24115", "Omega Speedmaster Professional Moonwatch 3570.50", "Omega", "Speedmaster Professional Moonwatch 3570.50", "4250.00", "€4.250")]
    [InlineData("a-lange-soehne-datograph-403-035-24114", "A. Lange & Söhne Datograph 403.035", "A. Lange & Söhne", "Datograph 403.035", "48900", "€48.900")]
    [InlineData("heuer-autavia-2446-24111", "Heuer Autavia 2446", "Heuer", "Autavia 2446", null, null)]
    [InlineData("cartier-tank-louis-cartier-24110", "Cartier Tank Louis Cartier", "Cartier", "Tank Louis", "6750", "€6.750")]
    [InlineData("rolex-gmt-master-1675-24108", "Rolex GMT-Master 1675 „Pepsi“", "Rolex", "GMT-Master 1675 „Pepsi“", "12500", "€12.500")]
    [InlineData("universal-geneve-polerouter-24106", "Universal Genève Polerouter", null, "Universal Genève Polerouter", "3900", "€3.900")]
    [InlineData("rolex-cosmograph-daytona-116500ln-24105", "Rolex Cosmograph Daytona 116500LN", "Rolex", "Cosmograph Daytona 116500LN", "29800", "€29.800")]
    [InlineData("longines-flagship-automatic-24101", "Longines Flagship Automatic", "Longines", "Flagship Automatic", null, null)]
    [InlineData("24100", "Unknown Watch", null, "Unknown Watch", "1850", "€1.850")]
    [InlineData("a-lange-soehne-lange-1-191-032-24099", "A. Lange & Söhne Lange 1 191.032", "A. Lange & Söhne", "Lange 1 191.032", "24500", "€24.500")]
    [InlineData("rolex-explorer-14270-24097", "Rolex Explorer 14270", "Rolex", "Explorer 14270", null, null)]
    [InlineData("tudor-submariner-7928-24093", "Tudor Submariner 7928 Tropical Dial", "Tudor", "Submariner 7928 Tropical Dial", "14800", "€14.800")]
    [InlineData("vacheron-constantin-overseas-4500v-24091", "Vacheron Constantin Overseas 4500V/110A-B128", "Vacheron Constantin", "Overseas 4500V/110A-B128", null, null)]
    public void ParseListings_SavedPage_ReadsTitleBrandModelAndPrice(
        string slug, string title, string? brand, string model, string? price, string? priceDisplay)
    {
        var listing = SavedListing(slug);

        Assert.Equal(title, listing.Title);
        Assert.Equal(brand, listing.Brand);
        Assert.Equal(model, listing.Model);
        Assert.Equal(Amount(price), listing.Price);
        Assert.Equal(priceDisplay, listing.PriceDisplay);
    }

    [Fact]
    public void ParseListings_SavedPage_LeavesDetailFieldsEmpty()
    {
        var listing = SavedListing("rolex-submariner-date-116610ln-24117");

        Assert.Null(listing.Reference);
        Assert.Null(listing.Year);
        Assert.Null(listing.Condition);
        Assert.Null(listing.HasBox);
        Assert.Null(listing.HasPapers);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Diameter);
    }

    // Every price format of docs/parsing-rules.md#price as the shop writes it; the display is always in euros (site currency).
    [Theory]
    [InlineData("rolex-submariner-date-116610ln-24117", "12500", "€12.500")]               // € 12.500,-
    [InlineData("omega-speedmaster-professional-moonwatch-3570-50-24115", "4250.00", "€4.250")] // EUR 4.250,00
    [InlineData("cartier-tank-louis-cartier-24110", "6750", "€6.750")]                       // 6.750 €
    [InlineData("tudor-heritage-ranger-79910-24112", "3190.00", "€3.190")]                   // 3.190,00 €*
    [InlineData("patek-philippe-2499-ewiger-kalender-chronograph-24113", "1234567", "€1.234.567")] // 1.234.567 €
    [InlineData("jaeger-lecoultre-reverso-grande-taille-24109", "7900", "€7.900")]           // CHF 7.900
    [InlineData("rolex-gmt-master-1675-24108", "12500", "€12.500")]                          // $12,500
    [InlineData("rolex-cosmograph-daytona-116500ln-24105", "29800", "€29.800")]              // €&nbsp;29.800,-
    [InlineData("omega-seamaster-300-165-024-24098", "9450", "€9.450")]                      // Sonderpreis 9.450 €
    [InlineData("iwc-big-pilot-5002-24096", "12500", "€12.500")]                             // 12.500,– € (en dash)
    [InlineData("audemars-piguet-royal-oak-15202st-24095", "78000.00", "€78.000")]           // EUR 78.000,00
    [InlineData("panerai-luminor-marina-pam00111-24094", "4950", "€4.950")]                  // 4.950 € <small>differenzbesteuert</small>
    [InlineData("heuer-carrera-2447s-24092", "8900", "€8.900")]                              // 8.900 EUR
    [InlineData("patek-philippe-nautilus-5711-1a-010-24116", null, null)]                    // Preis auf Anfrage
    [InlineData("breitling-navitimer-806-24107", null, null)]                                // Price on Request
    [InlineData("heuer-autavia-2446-24111", null, null)]                                     // Verkauft
    [InlineData("rolex-explorer-14270-24097", null, null)]                                   // Reserviert
    [InlineData("longines-flagship-automatic-24101", null, null)]                            // no price paragraph
    [InlineData("vacheron-constantin-overseas-4500v-24091", null, null)]                     // € 0,-
    public void ParseListings_PriceFormats_ParsesAmountAndDisplay(string slug, string? price, string? priceDisplay)
    {
        var listing = SavedListing(slug);

        Assert.Equal(Amount(price), listing.Price);
        Assert.Equal(priceDisplay, listing.PriceDisplay);
    }

    [Theory]
    [InlineData("heuer-autavia-2446-24111")]
    [InlineData("patek-philippe-nautilus-5711-1a-010-24116")]
    [InlineData("breitling-navitimer-806-24107")]
    public void ParseListings_SoldOrOnRequest_KeepsListingWithoutPrice(string slug)
    {
        var listing = SavedListing(slug);

        Assert.Null(listing.Price);
        Assert.Null(listing.PriceDisplay);
        Assert.NotNull(listing.Brand);
    }

    [Theory]
    [InlineData("rolex-submariner-date-116610ln-24117", "https://www.grimmeissen.de/media/uhren/24117/rolex-submariner-date-116610ln-1_thumb.jpg")]
    [InlineData("audemars-piguet-royal-oak-15202st-24095", "https://cdn.grimmeissen.de/uhren/24095/audemars-piguet-royal-oak-15202st-1_thumb.jpg")]
    [InlineData("zenith-el-primero-a386-24104", null)] // src only: the real src is a placeholder, so it is never read
    [InlineData("heuer-carrera-2447s-24092", null)]    // empty data-src
    public void ParseListings_LazyImages_ReadsDataSrcOnly(string slug, string? imageUrl)
    {
        Assert.Equal(imageUrl, SavedListing(slug).ImageUrl);
    }

    [Fact]
    public void ParseListings_AbsoluteHref_KeepsUrlUnchanged()
    {
        var listing = SavedListing("audemars-piguet-royal-oak-15202st-24095");

        Assert.Equal("https://www.grimmeissen.de/de/uhren/audemars-piguet-royal-oak-15202st-24095", listing.Url);
    }

    // The id string shows the reasoning: brand|model|price; sold → brand|model; no brand link → model|price.
    [Theory]
    [InlineData("rolex-submariner-date-116610ln-24117", "rolex|submariner date 116610ln|1250000")]
    [InlineData("patek-philippe-nautilus-5711-1a-010-24116", "patek philippe|nautilus 5711/1a-010")]
    [InlineData("heuer-autavia-2446-24111", "heuer|autavia 2446")]
    [InlineData("cartier-tank-louis-cartier-24110", "cartier|tank louis|675000")]
    [InlineData("universal-geneve-polerouter-24106", "universal genève polerouter|390000")]
    [InlineData("24100", "unknown watch|185000")]
    [InlineData("a-lange-soehne-lange-1-191-032-24099", "a. lange & söhne|lange 1 191.032|2450000")]
    [InlineData("rolex-cosmograph-daytona-116500ln-24105", "rolex|cosmograph daytona 116500ln|2980000")]
    [InlineData("vacheron-constantin-overseas-4500v-24091", "vacheron constantin|overseas 4500v/110a-b128")]
    public void ParseListings_SavedPage_BuildsReferenceCompatibleIdKey(string slug, string expectedKey)
    {
        var listing = SavedListing(slug);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    // Golden values (MD5 computed outside this codebase) so a refactor cannot silently change them.
    [Theory]
    [InlineData("rolex-submariner-date-116610ln-24117", "8ad5e9f687757d33fde9ab1bde333fda")]
    [InlineData("patek-philippe-nautilus-5711-1a-010-24116", "55632cef3166c9b8cc8c89cd6f7e99e4")]
    [InlineData("heuer-autavia-2446-24111", "9832f566c0e7cf64103af25cd99e134f")]
    [InlineData("universal-geneve-polerouter-24106", "ab6522f6d040ec09744d9ca5961f031c")]
    [InlineData("cartier-tank-louis-cartier-24110", "d85de5a7a03282bdd2bb476d71e2bfc7")]
    public void ParseListings_SavedPage_PinsCompositeIds(string slug, string expectedId)
    {
        Assert.Equal(expectedId, SavedListing(slug).CompositeId);
    }

    // Python monitor defect 7 (docs/python-monitor.md): the Python monitor could not read these prices, so its id lacks the price; ours has it, the legacy id keeps
    // listings the Python monitor already saw recognised as seen.
    [Theory]
    [InlineData("patek-philippe-2499-ewiger-kalender-chronograph-24113",
        "patek philippe|2499 ewiger kalender chronograph|123456700", "patek philippe|2499 ewiger kalender chronograph")]
    [InlineData("tudor-heritage-ranger-79910-24112", "tudor|heritage ranger 79910|319000", "tudor|heritage ranger 79910")]
    [InlineData("omega-seamaster-300-165-024-24098", "omega|seamaster 300 165.024|945000", "omega|seamaster 300 165.024")]
    [InlineData("iwc-big-pilot-5002-24096", "iwc|big pilot 5002|1250000", "iwc|big pilot 5002")]
    [InlineData("panerai-luminor-marina-pam00111-24094", "panerai|luminor marina pam00111|495000", "panerai|luminor marina pam00111")]
    public void ParseListings_PriceTheReferenceCouldNotRead_KeepsLegacyId(string slug, string expectedKey, string legacyKey)
    {
        var listing = SavedListing(slug);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(GoldenId.Of(legacyKey), listing.LegacyCompositeId);
    }

    [Fact]
    public void ParseListings_MillionPrice_PinsBothIds()
    {
        var listing = SavedListing("patek-philippe-2499-ewiger-kalender-chronograph-24113");

        Assert.Equal("a7eaca123f2fd7fd1a9204012e49c0d9", listing.CompositeId);
        Assert.Equal("c4377273b3e48149067994327443cec6", listing.LegacyCompositeId);
    }

    [Fact]
    public void ParseListings_SavedPage_OnlyUnreadablePricesHaveLegacyIds()
    {
        var withLegacy = ParseSavedListingPage()
            .Where(listing => listing.LegacyCompositeId is not null)
            .Select(listing => listing.Url[WatchUrl.Length..])
            .Order(StringComparer.Ordinal);

        Assert.Equal(SlugsWithUnreadableReferencePrice, withLegacy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body><h1>Wartungsarbeiten</h1><p>Wir sind gleich wieder da.</p></body></html>")]
    [InlineData("{\"products\":[{\"title\":\"Rolex\"}]}")]
    [InlineData("<<<>>> </article class=watch> \u0000\u0001 garbage")]
    [InlineData("<ul><li class=\"product-item\"><a href=\"/de/uhren/x\"><img src=\"/x.jpg\"></a></li></ul>")] // the stale configured selector
    public void ParseListings_GarbageOrForeignPage_ReturnsEmpty(string pageText)
    {
        Assert.Empty(_adapter.ParseListings(pageText, BaseUrl));
    }

    [Fact]
    public void ParseListings_HeadingWithoutBrandText_UsesWholeTitleAsModel()
    {
        const string page = """
            <article class="watch"><figure><a href="/de/uhren/x-1"><img data-src="/m/1.jpg"></a></figure>
            <section class="fh"><h1><span><a href="/de/marken/"></a></span> Omega Seamaster</h1><p>€ 1.000,-</p></section></article>
            """;

        var listing = Assert.Single(_adapter.ParseListings(page, BaseUrl));

        Assert.Null(listing.Brand);
        Assert.Equal("Omega Seamaster", listing.Model);
        Assert.Equal(GoldenId.Of("omega seamaster|100000"), listing.CompositeId);
    }

    [Fact]
    public void ApplyDetails_SubmarinerPage_EnrichesEveryField()
    {
        var listing = SavedListing("rolex-submariner-date-116610ln-24117");

        ApplySavedDetails(listing, "detail-rolex-submariner-date.html");

        Assert.Equal("Rolex Submariner Date 116610LN", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner Date 116610LN", listing.Model);
        Assert.Equal("116610LN", listing.Reference);
        Assert.Equal("2019", listing.Year);
        Assert.Equal(ConditionRater.FourStars, listing.Condition);
        Assert.Equal("Edelstahl", listing.CaseMaterial);
        Assert.Equal("40 mm", listing.Diameter);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
        Assert.Equal(12500m, listing.Price);
        Assert.Equal("€12.500", listing.PriceDisplay);
        Assert.Equal("https://www.grimmeissen.de/media/uhren/24117/rolex-submariner-date-116610ln-1_thumb.jpg", listing.ImageUrl);
    }

    [Fact]
    public void ApplyDetails_ReducedPrice_ReplacesPriceAndRecomputesDisplay()
    {
        var listing = SavedListing("omega-speedmaster-professional-moonwatch-3570-50-24115");
        Assert.Equal(GoldenId.Of("omega|speedmaster professional moonwatch 3570.50|425000"), listing.CompositeId);
        var id = listing.CompositeId;

        ApplySavedDetails(listing, "detail-omega-speedmaster.html");

        // Python monitor defect 11 (docs/python-monitor.md): the Python monitor kept showing "€4.250" here. The id stays the listing's.
        Assert.Equal(3990m, listing.Price);
        Assert.Equal("€3.990", listing.PriceDisplay);
        Assert.Equal(id, listing.CompositeId);
        Assert.Equal("69c537d9dee9aeb6e92ca08332ee037b", listing.CompositeId);
    }

    [Fact]
    public void ApplyDetails_SpeedmasterPage_ReadsKeywordConditionAndNegativePapers()
    {
        var listing = SavedListing("omega-speedmaster-professional-moonwatch-3570-50-24115");

        ApplySavedDetails(listing, "detail-omega-speedmaster.html");

        Assert.Equal("Omega Speedmaster Professional Moonwatch 3570.50.00", listing.Title);
        Assert.Equal("Omega", listing.Brand);
        Assert.Equal("Speedmaster Professional Moonwatch 3570.50.00", listing.Model);
        Assert.Equal("3570.50.00", listing.Reference);
        Assert.Equal("1998", listing.Year);
        Assert.Equal(ConditionRater.FourStars, listing.Condition); // "Sehr guter Zustand, leichte Tragespuren …"
        Assert.Equal("Stahl", listing.CaseMaterial);
        Assert.Equal("42 mm", listing.Diameter);
        Assert.True(listing.HasBox);
        Assert.False(listing.HasPapers); // "Box: ja, Papiere: nein"; the Python monitor read papers as yes (docs/python-monitor.md, defect 8)
    }

    [Fact]
    public void ApplyDetails_SoldPageWithoutBrandLink_KeepsBrandModelAndPrice()
    {
        var listing = SavedListing("heuer-autavia-2446-24111");
        var id = listing.CompositeId;

        ApplySavedDetails(listing, "detail-heuer-autavia-sold.html");

        Assert.Equal("Heuer Autavia 2446 „Rindt“ Chronograph", listing.Title);
        Assert.Equal("Heuer", listing.Brand);
        Assert.Equal("Autavia 2446", listing.Model);
        Assert.Null(listing.Price);
        Assert.Null(listing.PriceDisplay);
        Assert.Equal("2446", listing.Reference);
        Assert.Equal("1968", listing.Year);
        Assert.Equal(ConditionRater.TwoStars, listing.Condition); // grade "3"
        Assert.Equal("Edelstahl, verschraubter Boden", listing.CaseMaterial);
        Assert.Equal("39\u00A0mm", listing.Diameter);
        Assert.False(listing.HasBox); // "ohne Box, ohne Papiere" under <h3><span>Weitere Details</span></h3>
        Assert.False(listing.HasPapers);
        Assert.Equal(id, listing.CompositeId);
    }

    [Fact]
    public void ApplyDetails_PriceOnRequestListing_TakesDetailPriceAndDisplay()
    {
        var listing = SavedListing("breitling-navitimer-806-24107");
        var id = listing.CompositeId;

        ApplySavedDetails(listing, "detail-breitling-navitimer.html");

        Assert.Equal(7450m, listing.Price);
        Assert.Equal("€7.450", listing.PriceDisplay); // Python monitor defect 11 (docs/python-monitor.md): the Python monitor showed ❓
        Assert.Equal(id, listing.CompositeId);
        Assert.Equal("Breitling Navitimer 806 AOPA", listing.Title);
        Assert.Equal("Breitling", listing.Brand);
        Assert.Equal("Navitimer 806 AOPA", listing.Model);
        Assert.Equal("806", listing.Reference); // header "Referenz&nbsp;:"
        Assert.Equal("1967", listing.Year);
        Assert.Equal(ConditionRater.FiveStars, listing.Condition); // grade " 0 "
        Assert.Equal("Edelstahl", listing.CaseMaterial);
        Assert.Equal("41 mm", listing.Diameter);
        Assert.True(listing.HasBox);
        Assert.True(listing.HasPapers);
    }

    [Theory]
    [InlineData("rolex-submariner-date-116610ln-24117", "detail-rolex-submariner-date.html")]
    [InlineData("omega-speedmaster-professional-moonwatch-3570-50-24115", "detail-omega-speedmaster.html")]
    [InlineData("heuer-autavia-2446-24111", "detail-heuer-autavia-sold.html")]
    [InlineData("breitling-navitimer-806-24107", "detail-breitling-navitimer.html")]
    public void ApplyDetails_SavedPages_LeaveCompositeIdsUnchanged(string slug, string detailPage)
    {
        var listing = SavedListing(slug);
        var id = listing.CompositeId;
        var legacyId = listing.LegacyCompositeId;

        ApplySavedDetails(listing, detailPage);

        Assert.Equal(id, listing.CompositeId);
        Assert.Equal(legacyId, listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("0", ConditionRater.FiveStars)]
    [InlineData("1", ConditionRater.FourStars)]
    [InlineData("2", ConditionRater.ThreeStars)]
    [InlineData("3", ConditionRater.TwoStars)]
    [InlineData("4", ConditionRater.OneStar)]
    [InlineData("5", ConditionRater.NoStars)]
    [InlineData("ungetragen, mit Schutzfolien", ConditionRater.FiveStars)]
    [InlineData("gut erhalten", ConditionRater.ThreeStars)]
    [InlineData("Diagnose: Revision empfohlen", null)]
    [InlineData("6", null)]
    [InlineData("1/5", null)]
    public void ApplyDetails_ConditionCell_UsesGradeMapThenKeywords(string cell, string? expected)
    {
        var listing = ApplyInlineDetails($"<table><tr><th>Zustand:</th><td>{cell}</td></tr></table>");

        Assert.Equal(expected, listing.Condition);
    }

    [Theory]
    [InlineData("referenz")]
    [InlineData("Reference")]
    [InlineData("Referenznummer")]
    public void ApplyDetails_HeaderNotExactlyGerman_IsIgnored(string header)
    {
        var listing = ApplyInlineDetails($"<table><tr><th>{header}:</th><td>116610LN</td></tr></table>");

        Assert.Null(listing.Reference);
    }

    [Fact]
    public void ApplyDetails_SecondTableAmongSiblings_IsNotTheSpecTable()
    {
        var listing = ApplyInlineDetails("""
            <table><tr><th>Jahr:</th><td>Baujahr 1970</td></tr></table>
            <table><tr><th>Referenz:</th><td>5513</td></tr></table>
            """);

        Assert.Equal("1970", listing.Year);
        Assert.Null(listing.Reference);
    }

    [Fact]
    public void ApplyDetails_YearCellWithoutYear_FallsBackToTitle()
    {
        var listing = ApplyInlineDetails(
            "<table><tr><th>Jahr:</th><td>unbekannt</td></tr></table>",
            heading: "<h1 class=\"lowpad-b\">Rolex Datejust 1601 von 1972</h1>");

        Assert.Equal("1972", listing.Year);
    }

    [Fact]
    public void ApplyDetails_DetailsHeadingWithMixedContent_IgnoresItsTable()
    {
        var listing = ApplyInlineDetails("""
            <h3>Details <small>zur Uhr</small></h3>
            <table><tr><th>Lieferumfang:</th><td>Originalbox, Papiere</td></tr></table>
            """);

        Assert.Null(listing.HasBox);
        Assert.Null(listing.HasPapers);
    }

    [Fact]
    public void ApplyDetails_FirstMatchingDetailsHeading_UsesNextSiblingTable()
    {
        var listing = ApplyInlineDetails("""
            <h3>Beschreibung</h3>
            <table><tr><th>Lieferumfang:</th><td>Box, Papiere</td></tr></table>
            <h3>DETAILS</h3>
            <div class="note">Stand: heute</div>
            <table><tr><th>Garantie:</th><td>24 Monate</td></tr><tr><th>Lieferumfang</th><td>ohne Originalbox, mit Papieren</td></tr></table>
            """);

        Assert.False(listing.HasBox);
        Assert.True(listing.HasPapers);
    }

    [Theory]
    [InlineData("<p>Verkauft</p>")]
    [InlineData("<p>Preis auf Anfrage</p>")]
    [InlineData("<p>€ 0,-</p>")]
    [InlineData("<div class=\"price\"><p>€ 9.000,-</p></div>")] // not a paragraph right after the heading
    [InlineData("")]
    public void ApplyDetails_NoReadablePriceAfterHeading_KeepsListingPrice(string afterHeading)
    {
        var listing = ApplyInlineDetails(afterHeading + "<table></table>");

        Assert.Equal(5000m, listing.Price);
        Assert.Equal("€5.000", listing.PriceDisplay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><div class=\"c-7\"><h1 class=\"lowpad-b\">Andere Seite</h1></div></body></html>")]
    [InlineData("{\"error\":\"not found\"}")]
    public void ApplyDetails_PageOutsideFormat_ChangesNothing(string pageText)
    {
        var listing = SavedListing("rolex-submariner-date-116610ln-24117");
        var before = Snapshot(listing);

        _adapter.ApplyDetails(listing, pageText, BaseUrl);

        Assert.Equal(before, Snapshot(listing));
    }

    [Fact]
    public void ApplyDetails_BareListing_FillsFieldsFromDetailPage()
    {
        var listing = _adapter.CreateBareListing(WatchUrl + "breitling-navitimer-806-24107");
        var id = listing.CompositeId;

        ApplySavedDetails(listing, "detail-breitling-navitimer.html");

        Assert.Equal("Breitling", listing.Brand);
        Assert.Equal("Navitimer 806 AOPA", listing.Model);
        Assert.Equal("€7.450", listing.PriceDisplay);
        Assert.Equal(id, listing.CompositeId);
    }

    private List<Listing> ParseSavedListingPage() =>
        [.. _adapter.ParseListings(FixturePages.Read("Grimmeissen", "listing.html"), BaseUrl)];

    private Listing SavedListing(string slug) =>
        Assert.Single(ParseSavedListingPage(), listing => listing.Url == WatchUrl + slug);

    private void ApplySavedDetails(Listing listing, string fileName) =>
        _adapter.ApplyDetails(listing, FixturePages.Read("Grimmeissen", fileName), BaseUrl);

    /// <summary>A listing "Omega Seamaster" at €5.000 enriched from a minimal detail page around <paramref name="body"/>.</summary>
    private Listing ApplyInlineDetails(string body, string heading = "<h1 class=\"lowpad-b\"><span><a href=\"/de/marken/omega\">Omega</a></span> Seamaster</h1>")
    {
        const string listingPage = """
            <article class="watch"><figure><a href="/de/uhren/omega-seamaster-1"><img data-src="/m/1.jpg"></a></figure>
            <section class="fh"><h1><span><a href="/de/marken/omega">Omega</a></span> Seamaster</h1><p>€ 5.000,-</p></section></article>
            """;
        var listing = Assert.Single(_adapter.ParseListings(listingPage, BaseUrl));
        _adapter.ApplyDetails(listing, $"<div class=\"row\"><div class=\"c-7 do-lefty\">{heading}{body}</div></div>", BaseUrl);
        return listing;
    }

    private static string Snapshot(Listing listing) =>
        string.Join('|', listing.Title, listing.Brand, listing.Model, listing.Reference, listing.Year, listing.Price, listing.PriceDisplay,
            listing.Condition, listing.HasBox, listing.HasPapers, listing.CaseMaterial, listing.Diameter, listing.ImageUrl, listing.CompositeId);

    private static decimal? Amount(string? text) =>
        text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
}
