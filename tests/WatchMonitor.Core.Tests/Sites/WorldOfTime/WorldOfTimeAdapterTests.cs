using WatchMonitor.Core.Tests.Listings;
using System.Globalization;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.WorldOfTime;

namespace WatchMonitor.Core.Tests.Sites.WorldOfTime;

public sealed class WorldOfTimeAdapterTests
{
    private const string BaseUrl = "https://www.worldoftime.de";
    private const string Details = BaseUrl + "/Watches/Details/";

    private static readonly WorldOfTimeAdapter Adapter = new();

    private static readonly Lazy<IReadOnlyList<Listing>> SavedListings =
        new(() => Adapter.ParseListings(FixturePages.Read("WorldOfTime", "listing.html"), BaseUrl));

    [Fact]
    public void ParseListings_SavedPage_ReturnsEveryLinkedWatchOnce()
    {
        var listings = SavedListings.Value;

        // 4 strip cards + 28 grid cards, minus the reserved card without a link, the skeleton card and the grid copy
        // of the first strip watch.
        Assert.Equal(29, listings.Count);
        Assert.Equal(listings.Count, listings.Select(l => l.Url).Distinct(StringComparer.Ordinal).Count());
        Assert.All(listings, l => Assert.Equal("worldoftime", l.SiteKey));
        Assert.All(listings, l => Assert.Equal("EUR", l.Currency));
    }

    [Fact]
    public void ParseListings_CardWithoutLink_IsSkipped()
    {
        Assert.DoesNotContain(SavedListings.Value, l => l.Url.Contains("31125", StringComparison.Ordinal));
        Assert.DoesNotContain(SavedListings.Value, l => l.Title == "Rolex Daytona");
    }

    [Fact]
    public void ParseListings_BothContainerKinds_AreRead()
    {
        // The strip card links through div.square-container > a; the grid card through div.image a.
        Assert.Equal("Omega Speedmaster Professional Moonwatch", Find("31240/omega-speedmaster-professional-moonwatch-145022").Title);
        Assert.Equal("Rolex Vintage Datejust", Find("31190/rolex-vintage-datejust-1601").Title);
    }

    [Theory]
    [InlineData("31245/rolex-submariner-date-16610", "Rolex Submariner Date", "Rolex", "Submariner Date", "16610", "1995", "12500", "€12.500",
        "/Media/Watches/31245/31245_1_400.jpg", "★★★★☆", true, true, "Steel")]
    [InlineData("31240/omega-speedmaster-professional-moonwatch-145022", "Omega Speedmaster Professional Moonwatch", "Omega", "Speedmaster Professional Moonwatch", "145.022", "1969", "8500.00", "€8.500",
        "/Media/Watches/31240/31240_1_400.jpg", "★★★★☆", true, false, "Steel")]
    [InlineData("31236/patek-philippe-calatrava-3919j", "Patek Philippe Calatrava", "Patek Philippe", "Calatrava", "3919J", null, null, null,
        "/Media/Watches/31236/31236_1_400.jpg", "★★★★☆", null, true, "Yellow Gold")]
    [InlineData("31190/rolex-vintage-datejust-1601", "Rolex Vintage Datejust", "Rolex", "Vintage Datejust", "1601", "1971", "6950", "€6.950",
        "/Media/Watches/31190/31190_1_400.jpg", "★★★☆☆", false, null, "Steel")]
    [InlineData("31188/rolex-gmt-master-1675-vintage", "Rolex GMT-Master 1675 vintage", "Rolex", "Vintage GMT-Master 1675", "1675", null, "14900", "€14.900",
        "/Media/Watches/31188/31188_1_400.jpg", null, null, null, null)]
    [InlineData("31185/jaeger-lecoultre-reverso-classique-250-8-86", "Jaeger LeCoultre Reverso Classique", "Jaeger LeCoultre", "Reverso Classique", "250.8.86", "2008", "3190.00", "€3.190",
        "/Media/Watches/31185/31185_1_400.jpg", "★★★★☆", true, true, "Steel")]
    [InlineData("31181/a-lange-soehne-datograph-403-035", "A. Lange & Söhne Datograph", "A. Lange & Söhne", "Datograph", "403.035", "2001", "38500", "€38.500",
        "/Media/Watches/31181/31181_1_400.jpg", null, true, true, "Platinum")]
    [InlineData("31177/patek-philippe-ewiger-kalender-chronograph-2499", "Patek Philippe Ewiger Kalender Chronograph", "Patek Philippe", "Ewiger Kalender Chronograph", "2499", "1952", "1234567", "€1.234.567",
        "/Media/Watches/31177/31177_1_400.jpg", "★★★★☆", true, null, "Yellow Gold")]
    [InlineData("30877/heuer-carrera-2447-s", "Heuer Carrera 2447 S", "Heuer", "Carrera 2447 S", null, "1966", "4800", "€4.800",
        "/Media/Watches/30877/30877_1_400.jpg", "★★☆☆☆", null, null, "Steel")]
    [InlineData("31170/omega-seamaster-300-165-024", "Omega Seamaster 300", "Omega", "Seamaster 300", "165.024", "1967", "12500", "€12.500",
        "/Media/Watches/31170/31170_1_400.jpg", "★★☆☆☆", false, true, "Steel")]
    [InlineData("31166/iwc-portugieser-chronograph-iw371446", "IWC Portugieser Chronograph", "IWC", "Portugieser Chronograph", "IW371446", "2015", "7450.00", "€7.450",
        null, null, true, true, "Steel")]
    [InlineData("31163/cartier-tank-louis-cartier-2441", "Cartier Tank Louis Cartier", "Cartier", "Tank Louis Cartier", "2441", "1990", "4250", "€4.250",
        null, "★★★★★", null, null, "Yellow Gold")]
    [InlineData("31160/breitling-navitimer-806", "Breitling Navitimer 806", "Breitling", "Navitimer 806", "806", "1965", "5900", "€5.900",
        "/Media/Watches/31160/31160_1_400.jpg", null, true, false, "Steel")]
    [InlineData("31158/audemars-piguet-royal-oak-jumbo-15202st", "Audemars Piguet Royal Oak Jumbo", "Audemars Piguet", "Royal Oak Jumbo", "15202ST", "2012", null, null,
        "/Media/Watches/31158/31158_1_400.jpg", "★★★★★", true, true, "Steel")]
    [InlineData("31151/panerai-luminor-marina-pam00111", "Panerai Luminor Marina", "Panerai", "Luminor Marina", "PAM00111", "2009", null, null,
        "/Media/Watches/31151/31151_1_400.jpg", "★★★★☆", true, true, "Steel")]
    [InlineData("31144/longines-flagship", "Longines Flagship", "Longines", "Flagship", null, null, "1150", "€1.150",
        "/Media/Watches/31144/31144_1_400.jpg", null, null, null, "Gold")]
    [InlineData("31140/zenith-el-primero-a386", "Zenith El Primero A386", "Zenith", "El Primero A386", "A386", "1969", "9800", "€9.800",
        "/Media/Watches/31140/31140_1_400.jpg", null, null, null, "Steel")]
    [InlineData("31137/rolex-explorer-ii-16570", "Rolex Explorer II", "Rolex", "Explorer II", "16570", "2003", "7900", "€7.900",
        "/Media/Watches/31137/31137_1_400.jpg", null, true, true, "Steel")]
    [InlineData("31002/doxa-sub-300t-sharkhunter", "Doxa Sub 300T Sharkhunter", "Doxa", "Sub 300T Sharkhunter", null, "1969", "2950", "€2.950",
        "/Media/Watches/31002/31002_1_400.jpg", "★★★☆☆", null, null, "Steel")]
    [InlineData("31128/vacheron-constantin-patrimony-81180", "Vacheron Constantin Patrimony", "Vacheron", "Constantin Patrimony", "81180/000R-9159", "2010", "18900", "€18.900",
        "/Media/Watches/31128/31128_1_400.jpg", null, true, true, "Rose Gold")]
    [InlineData("31121/rolex-submariner-5513", "Unknown Watch", null, null, null, "1978", "2400", "€2.400",
        "/Media/Watches/31121/31121_1_400.jpg", "★☆☆☆☆", null, null, "Steel")]
    [InlineData("31117/universal-geneve-compax-22401", "Universal Genève Compax", "Universal Genève", "Compax", "22401", "1945", "6400", "€6.400",
        "/Media/Watches/31117/31117_1_400.jpg", null, null, null, "Steel")]
    [InlineData("31112/heuer-autavia-2446", "Heuer Autavia 2446", "Heuer", "Autavia 2446", "2446", "1968", "12500", "€12.500",
        "/Media/Watches/31112/31112_1_400.jpg", "★★☆☆☆", null, null, "Steel")]
    [InlineData("31108/breitling-top-time-2000", "Breitling Top Time", "Breitling", "Top Time", "2000", "1965", "2150", "€2.150",
        "/Media/Watches/31108/31108_1_400.jpg", "★★★☆☆", null, null, "Steel")]
    [InlineData("31101/omega-seamaster-aqua-terra-231-10-42-21-01-002", "Omega Seamaster Aqua Terra", "Omega", "Seamaster Aqua Terra", "231.10.42.21.01.002", "2014", "3990", "€3.990",
        "/Media/Watches/31101/31101_1_400.jpg", null, true, true, "Steel")]
    public void ParseListings_SavedPage_ReadsEveryField(
        string path, string title, string? brand, string? model, string? reference, string? year, string? price, string? priceDisplay,
        string? image, string? condition, bool? papers, bool? box, string? material)
    {
        var listing = Find(path);

        Assert.Equal(title, listing.Title);
        Assert.Equal(brand, listing.Brand);
        Assert.Equal(model, listing.Model);
        Assert.Equal(reference, listing.Reference);
        Assert.Equal(year, listing.Year);
        Assert.Equal(price is null ? null : decimal.Parse(price, CultureInfo.InvariantCulture), listing.Price);
        Assert.Equal(priceDisplay, listing.PriceDisplay);
        Assert.Equal(image is null ? null : BaseUrl + image, listing.ImageUrl);
        Assert.Equal(condition, listing.Condition);
        Assert.Equal(papers, listing.HasPapers);
        Assert.Equal(box, listing.HasBox);
        Assert.Equal(material, listing.CaseMaterial);
        Assert.Null(listing.Diameter);
    }

    [Fact]
    public void ParseListings_AbsoluteHref_IsKeptAsWritten()
    {
        var listing = Find("31240/omega-speedmaster-professional-moonwatch-145022");

        Assert.Equal(BaseUrl + "/Media/Watches/31240/31240_1_400.jpg", listing.ImageUrl);
        Assert.Equal("https://www.worldoftime.de/en/Watches/Details/31104/rolex-air-king-5500", Find("31104/rolex-air-king-5500", BaseUrl + "/en/Watches/Details/").Url);
    }

    // Listings the Python monitor parses correctly: the id is the Python monitor's, byte for byte.
    [Theory]
    [InlineData("31245/rolex-submariner-date-16610", "rolex|submariner date|16610|1250000|1995|steel", "fc26d12959ac3857292687240873b186")]
    [InlineData("31236/patek-philippe-calatrava-3919j", "patek philippe|calatrava|3919j|yellow gold", "5aa138280bf5bd758fa528933efd3271")]
    [InlineData("30877/heuer-carrera-2447-s", "heuer|carrera 2447 s|480000|1966|steel", "e8c85f2a2a4682fd107fdb377dbf61f1")]
    [InlineData("31151/panerai-luminor-marina-pam00111", "panerai|luminor marina|pam00111|2009|steel", "75b5ccc1a15e558c7782c2c93380fd1e")]
    [InlineData("31137/rolex-explorer-ii-16570", "rolex|explorer ii|16570|790000|2003|steel", "b881f61e802930253b00e727f49f7e70")]
    [InlineData("31128/vacheron-constantin-patrimony-81180", "vacheron|constantin patrimony|81180/000r-9159|1890000|2010|rose gold", "53e410a43595df725ce2fe98ece3886e")]
    [InlineData("31190/rolex-vintage-datejust-1601", "rolex|vintage datejust|1601|695000|1971|steel", "74c2e8788c3385fc0be7e4e54b95bc89")]
    public void ParseListings_ReferenceCompatibleListing_KeepsReferenceId(string path, string expectedKey, string expectedId)
    {
        var listing = Find(path);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(expectedId, listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    // Listings the Python monitor misreads: our id from the correct fields, the Python monitor's kept as the legacy id.
    [Theory]
    [InlineData("31238/universal-geneve-polerouter-date-20217-4", // Python monitor defect 13 (docs/python-monitor.md): the brand stays inside the Python monitor's model.
        "universal genève|polerouter date|20217-4|1250000|1958|yellow gold", "011f1ab47f4259a6e7b01a5d9214d763",
        "universal genève|universal geneve polerouter date|20217-4|1250000|1958|yellow gold", "1bd8f22424535115502503ebaedaf5e9")]
    [InlineData("31117/universal-geneve-compax-22401", // The display-name spelling is no key of the Python monitor's table.
        "universal genève|compax|22401|640000|1945|steel", "1c5f1b05eee755f741c23456995cd21d",
        "universal|genève compax|22401|640000|1945|steel", "61f58fad3afda81ebae48def44cecfba")]
    [InlineData("31188/rolex-gmt-master-1675-vintage", // The Python monitor removes only a capitalised "Vintage".
        "rolex|vintage gmt-master 1675|1675|1490000", "e23cfb0122574b4a43e9d23cb93b72a2",
        "rolex|vintage gmt-master 1675 vintage|1675|1490000", "245a18801c95741b3f1ca7d76d85c25d")]
    [InlineData("31185/jaeger-lecoultre-reverso-classique-250-8-86", // Python monitor defect 7 (docs/python-monitor.md): "3.190,00 €*" has no price for the Python monitor.
        "jaeger lecoultre|reverso classique|250.8.86|319000|2008|steel", "df7a42dd20d8b8dc16b579d819a0caf8",
        "jaeger lecoultre|reverso classique|250.8.86|2008|steel", "f27714051a1ac77874024d38a2639d59")]
    [InlineData("31177/patek-philippe-ewiger-kalender-chronograph-2499", // Python monitor defect 7 (docs/python-monitor.md): "1.234.567 €" has two group separators.
        "patek philippe|ewiger kalender chronograph|2499|123456700|1952|yellow gold", "5824c87838fd7fa5483c10fbbf0794b5",
        "patek philippe|ewiger kalender chronograph|2499|1952|yellow gold", "44cd8f62b7286c038490a5cf1dc44557")]
    [InlineData("31112/heuer-autavia-2446", // Python monitor defect 7 (docs/python-monitor.md): an en dash in "12.500,–".
        "heuer|autavia 2446|2446|1250000|1968|steel", "600d2e65f0164c2293f0a045b65a7b13",
        "heuer|autavia 2446|2446|1968|steel", "1c900fecf743c0afc7392e4f2fa6dd67")]
    [InlineData("31181/a-lange-soehne-datograph-403-035", // A double-encoded "&amp;amp;" hides the brand from the raw title.
        "a. lange & söhne|datograph|403.035|3850000|2001|platinum", "c38492612bd58b54c74b829652301800",
        "a.|lange & söhne datograph|403.035|3850000|2001|platinum", "9be7da79768cd25b9783c121df243b6a")]
    [InlineData("31133/patek-philippe-nautilus-3800-1a", // An NBSP inside the brand hides it from the raw title.
        "patek philippe|nautilus|3800/1a|4200000|1998|steel", "802929c130d70f8e520a99e435e7fc73",
        "patek|philippe nautilus|3800/1a|4200000|1998|steel", "7ab2deb63817996e21edbaa2ff4a94e6")]
    [InlineData("31108/breitling-top-time-2000", // Python monitor defect 10 (docs/python-monitor.md): "Ref. 2000" is the Python monitor's year.
        "breitling|top time|2000|215000|1965|steel", "415f775ddabd42f1293cfebb5339dfb4",
        "breitling|top time|2000|215000|2000|steel", "234ebdac017593d33f01401944868ce7")]
    [InlineData("31121/rolex-submariner-5513", // No name line: the Python monitor splits "Unknown Watch" into brand and model.
        "unknown watch|240000|https://www.worldoftime.de/watches/details/31121/rolex-submariner-5513", "7a71fdf619db53c17c32c9d8516cf94b",
        "unknown|watch|240000|1978|steel", "79f0e0dc1168d5aa24ebb59961b94caa")]
    public void ParseListings_ReferenceDefect_KeepsLegacyId(string path, string expectedKey, string expectedId, string legacyKey, string legacyId)
    {
        var listing = Find(path);

        Assert.Equal(GoldenId.Of(expectedKey), listing.CompositeId);
        Assert.Equal(expectedId, listing.CompositeId);
        Assert.Equal(legacyId, listing.LegacyCompositeId);
        Assert.Equal(GoldenId.Of(legacyKey), legacyId);
        Assert.Equal(GoldenId.Of(expectedKey), expectedId);
    }

    [Theory]
    [InlineData("Rolex Vintage Datejust", "Rolex", "Vintage Datejust", "Rolex", "Vintage Datejust")]
    [InlineData("Rolex Vintage", "Rolex", "Vintage", "Rolex", "Vintage")]
    [InlineData("Rolex Datejust Vintage 1601", "Rolex", "Vintage Datejust 1601", "Rolex", "Vintage Datejust 1601")]
    [InlineData("Rolex GMT-Master vintage", "Rolex", "Vintage GMT-Master", "Rolex", "Vintage GMT-Master vintage")]
    [InlineData("ROLEX Submariner", "Rolex", "Submariner", "Rolex", "Submariner")]
    [InlineData("Universal Geneve Polerouter", "Universal Genève", "Polerouter", "Universal Genève", "Universal Geneve Polerouter")]
    [InlineData("Universal Genève Polerouter", "Universal Genève", "Polerouter", "Universal", "Genève Polerouter")]
    [InlineData("Jaeger LeCoultre Memovox", "Jaeger LeCoultre", "Memovox", "Jaeger LeCoultre", "Memovox")]
    [InlineData("A. Lange & Söhne 1815", "A. Lange & Söhne", "1815", "A. Lange & Söhne", "1815")]
    [InlineData("Audemars Piguet", "Audemars Piguet", null, "Audemars Piguet", null)]
    [InlineData("Eberhard & Co. Chronographe", "Eberhard", "& Co. Chronographe", "Eberhard", "& Co. Chronographe")]
    [InlineData("Chronograph", "Chronograph", null, "Chronograph", null)]
    public void Split_Title_GivesBrandAndModel(string title, string brand, string? model, string referenceBrand, string? referenceModel)
    {
        Assert.Equal((brand, model), WorldOfTimeBrands.Split(title));
        Assert.Equal((referenceBrand, referenceModel), WorldOfTimeBrands.SplitAsReference(title));
    }

    [Theory]
    [InlineData("Edelstahl, Automatik, Baujahr 1995", "Steel")]
    [InlineData("Stahl/Gold, Automatik", "Steel")]
    [InlineData("Bicolor Gold/Steel, rose gold case", "Rose Gold")]
    [InlineData("Stainless steel case, gold bezel", "Steel")]
    [InlineData("18k Gelbgold, Handaufzug", "Yellow Gold")]
    [InlineData("White-gold case with diamonds", "White Gold")]
    [InlineData("Weissgold, Handaufzug", "White Gold")]
    [InlineData("Rosegold 750", "Rose Gold")]
    [InlineData("Gold plated, Automatik", "Gold")]
    [InlineData("Titanium case, ceramic bezel", "Titanium")]
    [InlineData("Black ceramic, automatic", "Ceramic")]
    [InlineData("Platinum 950, manual winding", "Platinum")]
    [InlineData("Nickel plated case, Handaufzug", "Nickel")]
    [InlineData("Edelstahlschließe, Handaufzug", null)]
    [InlineData("Goldene Zeiger, Automatik", null)]
    [InlineData("", null)]
    public void CaseMaterial_Description_MapsFirstMaterialWord(string description, string? expected)
    {
        Assert.Equal(expected, WorldOfTimeCaseMaterial.Find(description));
    }

    [Fact]
    public void ParseListings_EmptyDescription_LeavesDescriptionFieldsUnset()
    {
        // The title "Rolex GMT-Master 1675 vintage" holds no year; no description means no year, box, papers,
        // condition or material at all.
        var listing = Find("31188/rolex-gmt-master-1675-vintage");

        Assert.Null(listing.Year);
        Assert.Null(listing.CaseMaterial);
        Assert.Null(listing.Condition);
    }

    [Fact]
    public void ParseListings_MinimalCards_ApplyLinkImageAndReferenceRules()
    {
        const string Page = """
            <div class="paged-clocks-container">
              <div class="watch-link">
                <div class="square-container"><a href="watch-1"><img src="img/1.jpg"></a></div>
                <div class="text-truncate" style="font-size: 17px; font-family: 'AB';">Omega Seamaster</div>
                <div class="text-truncate" style="font-size: 14px;">Wot-ID: 1</div>
                <div class="text-truncate" style="font-size: 16px;">Ref.</div>
                <p class="m-0 price" style="font-size: 17px;">€ 1.000,-</p>
              </div>
              <div class="watch-link">
                <div class="image"><a><img src="/img/2.jpg"></a></div>
                <div class="text-truncate" style="font-size: 17px; font-family: 'AB';">Tudor Ranger</div>
              </div>
              <div class="watch-link">
                <div class="image"><a href="/watch-3"><img src=""></a></div>
                <div class="text-truncate" style="font-size: 16px;">Ref. 7995</div>
                <div class="text-truncate" style="font-size: 17px; font-family: 'AB';">Tudor Submariner</div>
              </div>
            </div>
            """;

        var listings = Adapter.ParseListings(Page, "https://shop.example/Watches/NewArrivals");

        Assert.Equal(2, listings.Count);
        Assert.Equal("https://shop.example/Watches/watch-1", listings[0].Url);
        Assert.Equal("https://shop.example/Watches/img/1.jpg", listings[0].ImageUrl);
        Assert.Null(listings[0].Reference);
        Assert.Equal(1000m, listings[0].Price);
        Assert.Equal("https://shop.example/watch-3", listings[1].Url);
        Assert.Null(listings[1].ImageUrl);
        Assert.Null(listings[1].Reference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body><h1>Wartungsarbeiten</h1><p>Wir sind gleich zurück.</p></body></html>")]
    [InlineData("{\"products\": []}")]
    [InlineData("<div class=\"paged-clocks-container\"><div class=\"watch-link\"><<<</div></div>")]
    [InlineData("\u0000\u0001 not html at all </div></table>")]
    public void ParseListings_GarbageOrEmptyPage_ReturnsEmptyList(string page)
    {
        Assert.Empty(Adapter.ParseListings(page, BaseUrl));
    }

    [Fact]
    public void ApplyDetails_EnglishTable_FillsMissingFields()
    {
        var listing = Find("31188/rolex-gmt-master-1675-vintage", fresh: true);

        Adapter.ApplyDetails(listing, FixturePages.Read("WorldOfTime", "detail-rolex-gmt-master-1675.html"), BaseUrl);

        Assert.Equal("1675", listing.Reference);
        Assert.Equal("1968", listing.Year);
        Assert.Equal("★★★★☆", listing.Condition);
        Assert.Equal("Steel", listing.CaseMaterial);
        Assert.Equal("40 mm", listing.Diameter);
        Assert.True(listing.HasPapers);
        Assert.False(listing.HasBox);
        Assert.Equal("Rolex GMT-Master 1675 vintage", listing.Title);
        Assert.Equal("€14.900", listing.PriceDisplay);
    }

    [Fact]
    public void ApplyDetails_GermanTable_FillsOnlyWhatTheListingLacks()
    {
        var listing = Find("31144/longines-flagship", fresh: true);

        Adapter.ApplyDetails(listing, FixturePages.Read("WorldOfTime", "detail-longines-flagship.html"), BaseUrl);

        Assert.Equal("3403", listing.Reference);
        Assert.Equal("1962", listing.Year);
        Assert.Equal("★★★☆☆", listing.Condition);
        Assert.Equal("Gold", listing.CaseMaterial);
        Assert.Equal("35 mm", listing.Diameter);
        Assert.False(listing.HasPapers);
        Assert.False(listing.HasBox);
        Assert.Equal(1150m, listing.Price);
    }

    [Fact]
    public void ApplyDetails_DefinitionListOutsideDetailsColumn_NamesAnUntitledListing()
    {
        var listing = Find("31121/rolex-submariner-5513", fresh: true);

        Adapter.ApplyDetails(listing, FixturePages.Read("WorldOfTime", "detail-rolex-submariner-5513.html"), BaseUrl);

        Assert.Equal("Rolex Submariner 5513", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Submariner 5513", listing.Model);
        Assert.Equal("5513", listing.Reference);
        Assert.Equal("1978", listing.Year);
        Assert.Equal("★★★☆☆", listing.Condition);
        Assert.Equal("Steel", listing.CaseMaterial);
        Assert.Equal("40 mm", listing.Diameter);
        Assert.False(listing.HasPapers);
        Assert.True(listing.HasBox);
    }

    [Fact]
    public void ApplyDetails_SoldPageWithoutSpecs_ChangesNothing()
    {
        var listing = Find("31151/panerai-luminor-marina-pam00111", fresh: true);
        var before = Snapshot(listing);

        Adapter.ApplyDetails(listing, FixturePages.Read("WorldOfTime", "detail-sold.html"), BaseUrl);

        Assert.Equal(before, Snapshot(listing));
    }

    [Theory]
    [InlineData("31188/rolex-gmt-master-1675-vintage", "detail-rolex-gmt-master-1675.html")]
    [InlineData("31144/longines-flagship", "detail-longines-flagship.html")]
    [InlineData("31121/rolex-submariner-5513", "detail-rolex-submariner-5513.html")]
    [InlineData("31151/panerai-luminor-marina-pam00111", "detail-sold.html")]
    public void ApplyDetails_AnyDetailPage_LeavesCompositeIdUnchanged(string path, string detailPage)
    {
        var listing = Find(path, fresh: true);
        var (id, legacyId) = (listing.CompositeId, listing.LegacyCompositeId);

        Adapter.ApplyDetails(listing, FixturePages.Read("WorldOfTime", detailPage), BaseUrl);

        Assert.Equal(id, listing.CompositeId);
        Assert.Equal(legacyId, listing.LegacyCompositeId);
    }

    [Fact]
    public void ApplyDetails_BareListing_TakesEverythingFromThePage()
    {
        var listing = Adapter.CreateBareListing(Details + "31188/rolex-gmt-master-1675-vintage");

        Adapter.ApplyDetails(listing, FixturePages.Read("WorldOfTime", "detail-rolex-gmt-master-1675.html"), BaseUrl);

        Assert.Equal("Rolex GMT-Master 1675 vintage", listing.Title);
        Assert.Equal("Rolex", listing.Brand);
        Assert.Equal("Vintage GMT-Master 1675", listing.Model);
        Assert.Equal("1675", listing.Reference);
        Assert.Equal("1968", listing.Year);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><p>502 Bad Gateway</p></body></html>")]
    [InlineData("<table><tr><td>Year</td></tr><tr><th></th><td></td></tr></table><dl><dd>orphan</dd></dl>")]
    public void ApplyDetails_GarbagePage_ChangesNothing(string page)
    {
        var listing = Find("31245/rolex-submariner-date-16610", fresh: true);
        var before = Snapshot(listing);

        Adapter.ApplyDetails(listing, page, BaseUrl);

        Assert.Equal(before, Snapshot(listing));
    }

    [Theory]
    [InlineData("Reference no", "Reference")]
    [InlineData("Referenz:", "Reference")]
    [InlineData("Ref.-Nr.", "Reference")]
    [InlineData("Year", "Year")]
    [InlineData("Baujahr:", "Year")]
    [InlineData("Jahr", "Year")]
    [InlineData("Condition", "Condition")]
    [InlineData("Zustand", "Condition")]
    [InlineData("Case material", "CaseMaterial")]
    [InlineData("Gehäusematerial", "CaseMaterial")]
    [InlineData("Material", "CaseMaterial")]
    [InlineData("Armbandmaterial", "None")]
    [InlineData("Bracelet material", "None")]
    [InlineData("Diameter", "Diameter")]
    [InlineData("Durchmesser", "Diameter")]
    [InlineData("Gehäusedurchmesser:", "Diameter")]
    [InlineData("Lieferumfang", "BoxPapers")]
    [InlineData("Box / Papers", "BoxPapers")]
    [InlineData("Marke", "Brand")]
    [InlineData("Modell", "Model")]
    [InlineData("Wot-ID", "None")]
    [InlineData("Uhrwerk", "None")]
    public void Classify_DetailLabel_NamesTheField(string label, string expected)
    {
        Assert.Equal(Enum.Parse<WorldOfTimeDetailField>(expected), WorldOfTimeDetailRows.Classify(label));
    }

    private static Listing Find(string path, bool fresh = false) => Find(path, Details, fresh);

    private static Listing Find(string path, string prefix, bool fresh = false)
    {
        var listings = fresh
            ? Adapter.ParseListings(FixturePages.Read("WorldOfTime", "listing.html"), BaseUrl)
            : SavedListings.Value;
        return Assert.Single(listings, l => l.Url == prefix + path);
    }

    private static string Snapshot(Listing listing) =>
        string.Join('|', listing.Title, listing.Brand, listing.Model, listing.Reference, listing.Year, listing.Price, listing.PriceDisplay,
            listing.ImageUrl, listing.Condition, listing.HasPapers, listing.HasBox, listing.CaseMaterial, listing.Diameter, listing.CompositeId);
}
