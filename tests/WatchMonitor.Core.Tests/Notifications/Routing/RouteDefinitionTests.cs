using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Core.Tests.Notifications.Routing;

public sealed class RouteDefinitionTests
{
    private static readonly RoutedListing Gmt = new("grimmeissen", "Rolex GMT-Master II 126710BLRO Pepsi", "Rolex", "GMT-Master II", "126710BLRO", 14_500m);

    [Theory]
    [InlineData("GMT Master", true)]
    [InlineData("gmt-master", true)]
    [InlineData("GMT", true)]
    [InlineData("master ii", true)]
    [InlineData("Mast", false)]
    [InlineData("Submariner", false)]
    [InlineData("126710BLRO", true)]
    [InlineData("126710", false)]
    [InlineData("pepsi", true)]
    [InlineData("II GMT", false)]
    public void Matches_Keyword_IsWholeWordsInOrder(string keyword, bool expected) =>
        Assert.Equal(expected, Route(keywords: [keyword]).Matches(Gmt, ListingEventKind.New));

    [Fact]
    public void Matches_Keywords_AnyOfThem()
    {
        Assert.True(Route(keywords: ["Submariner", "Daytona", "Pepsi"]).Matches(Gmt, ListingEventKind.New));
        Assert.False(Route(keywords: ["Submariner", "Daytona"]).Matches(Gmt, ListingEventKind.New));
    }

    [Theory]
    [InlineData("Title only", null, null, true)]
    [InlineData("Watch", "Explorer Sea-Dweller", null, true)]
    [InlineData("Watch", null, "Ref. Sea Dweller 1665", true)]
    [InlineData("Watch", null, null, false)]
    public void Matches_Keyword_LooksAtTitleModelAndReference(string title, string? model, string? reference, bool expected)
    {
        var listing = new RoutedListing("grimmeissen", title == "Title only" ? "Rolex Sea-Dweller" : title, "Rolex", model, reference, 1m);
        Assert.Equal(expected, Route(keywords: ["sea dweller"]).Matches(listing, ListingEventKind.New));
    }

    [Fact]
    public void Matches_Keyword_DoesNotSpanTwoFields()
    {
        var listing = new RoutedListing("grimmeissen", "Rolex GMT", null, "Master", null, 1m);
        Assert.False(Route(keywords: ["GMT Master"]).Matches(listing, ListingEventKind.New));
    }

    [Fact]
    public void Matches_Keyword_IgnoresTheBrand()
    {
        var listing = new RoutedListing("grimmeissen", "Submariner 5513", "Rolex", null, null, 1m);
        Assert.False(Route(keywords: ["Rolex"]).Matches(listing, ListingEventKind.New));
    }

    [Theory]
    [InlineData("Pepsi", false)]
    [InlineData("pepsi, Batman", false)]
    [InlineData("Batman", true)]
    [InlineData("Pep", true)]
    public void Matches_Exclude_NoneMayMatch(string exclude, bool expected) =>
        Assert.Equal(expected, Route(exclude: [.. exclude.Split(',', StringSplitOptions.TrimEntries)]).Matches(Gmt, ListingEventKind.New));

    [Fact]
    public void Matches_ExcludeWinsOverKeyword()
    {
        Assert.False(Route(keywords: ["GMT"], exclude: ["126710BLRO"]).Matches(Gmt, ListingEventKind.New));
    }

    [Theory]
    [InlineData("Rolex", true)]
    [InlineData("rolex", true)]
    [InlineData("Omega", false)]
    [InlineData("Role", false)]
    public void Matches_Brand_IsTheListingsBrandCaseInsensitively(string brand, bool expected) =>
        Assert.Equal(expected, Route(brands: [brand]).Matches(Gmt, ListingEventKind.New));

    [Fact]
    public void Matches_Brand_IgnoresSeparators()
    {
        var listing = new RoutedListing("grimmeissen", "Nautilus", "Patek-Philippe", null, null, 1m);
        Assert.True(Route(brands: ["Patek Philippe"]).Matches(listing, ListingEventKind.New));
        Assert.False(Route(brands: ["Patek"]).Matches(listing, ListingEventKind.New));
    }

    [Fact]
    public void Matches_Brand_AnyOfThem() =>
        Assert.True(Route(brands: ["Omega", "Rolex"]).Matches(Gmt, ListingEventKind.New));

    [Fact]
    public void Matches_BrandUnknown_IsReadFromTheTitle()
    {
        var listing = new RoutedListing("grimmeissen", "Rolex Submariner 5513", null, null, null, 1m);
        Assert.True(Route(brands: ["Rolex"]).Matches(listing, ListingEventKind.New));
        Assert.False(Route(brands: ["Omega"]).Matches(listing, ListingEventKind.New));
    }

    [Fact]
    public void Matches_BrandKnown_TitleDoesNotCount()
    {
        var listing = new RoutedListing("grimmeissen", "Tudor, like Rolex", "Tudor", null, null, 1m);
        Assert.False(Route(brands: ["Rolex"]).Matches(listing, ListingEventKind.New));
    }

    [Theory]
    [InlineData(null, null, "14500", true)]
    [InlineData("10000", null, "14500", true)]
    [InlineData("14500", null, "14500", true)]
    [InlineData("14501", null, "14500", false)]
    [InlineData(null, "14500", "14500", true)]
    [InlineData(null, "14499.99", "14500", false)]
    [InlineData("10000", "20000", "14500", true)]
    [InlineData("15000", "20000", "14500", false)]
    public void Matches_PriceBounds_AreInclusive(string? min, string? max, string price, bool expected)
    {
        var listing = Gmt with { PriceEur = Euros(price) };
        Assert.Equal(expected, Route(min: Euros(min), max: Euros(max)).Matches(listing, ListingEventKind.New));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("1", null, false)]
    [InlineData(null, "100000", false)]
    [InlineData("0", "100000", false)]
    public void Matches_NoPrice_OnlyWithoutBounds(string? min, string? max, bool expected) =>
        Assert.Equal(expected, Route(min: Euros(min), max: Euros(max)).Matches(Gmt with { PriceEur = null }, ListingEventKind.New));

    [Theory]
    [InlineData(ListingEventKind.New, true)]
    [InlineData(ListingEventKind.PriceDrop, true)]
    [InlineData(ListingEventKind.PriceRise, false)]
    [InlineData(ListingEventKind.Sold, false)]
    public void Matches_Kinds_OnlyThose(ListingEventKind kind, bool expected) =>
        Assert.Equal(expected, Route(kinds: RouteTableBuilder.DefaultKinds).Matches(Gmt, kind));

    [Fact]
    public void Matches_Sites_EmptyIsAll()
    {
        Assert.True(Route().Matches(Gmt with { SiteKey = "anything" }, ListingEventKind.New));
        Assert.True(Route(sites: ["grimmeissen", "watch_out"]).Matches(Gmt, ListingEventKind.New));
        Assert.False(Route(sites: ["watch_out"]).Matches(Gmt, ListingEventKind.New));
    }

    [Fact]
    public void Matches_AllFilters_MustPass()
    {
        var route = Route(sites: ["grimmeissen"], brands: ["Rolex"], keywords: ["GMT Master"], exclude: ["Batman"], min: 10_000, max: 15_000, kinds: RouteTableBuilder.DefaultKinds);
        Assert.True(route.Matches(Gmt, ListingEventKind.New));
        Assert.False(route.Matches(Gmt with { Brand = "Tudor" }, ListingEventKind.New));
        Assert.False(route.Matches(Gmt with { Title = "Rolex GMT-Master II Batman" }, ListingEventKind.New));
        Assert.False(route.Matches(Gmt with { PriceEur = 15_000.01m }, ListingEventKind.New));
        Assert.False(route.Matches(Gmt with { SiteKey = "watch_out" }, ListingEventKind.New));
        Assert.False(route.Matches(Gmt, ListingEventKind.Sold));
    }

    [Fact]
    public void Matches_NonAsciiWords_CompareCaseInsensitively()
    {
        var listing = new RoutedListing("grimmeissen", "A. Lange & Söhne Zeitwerk", "A. Lange & Söhne", null, null, 1m);
        Assert.True(Route(brands: ["a lange SÖHNE"], keywords: ["ZEITWERK"]).Matches(listing, ListingEventKind.New));
    }

    private static decimal? Euros(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    internal static RouteDefinition Route(
        string name = "test",
        string[]? sites = null,
        string[]? brands = null,
        string[]? keywords = null,
        string[]? exclude = null,
        decimal? min = null,
        decimal? max = null,
        IReadOnlySet<ListingEventKind>? kinds = null,
        DestinationAddress[]? to = null,
        bool isImplicit = false) =>
        new(
            name,
            (sites ?? []).ToHashSet(StringComparer.Ordinal),
            brands ?? [],
            keywords ?? [],
            exclude ?? [],
            min,
            max,
            kinds ?? Enum.GetValues<ListingEventKind>().ToHashSet(),
            to ?? [Destination("https://discord.com/api/webhooks/1/token")],
            null,
            isImplicit);

    internal static DestinationAddress Destination(string url) =>
        DestinationAddress.TryParse(url, out var address, out var error) ? address : throw new InvalidOperationException(error);
}
