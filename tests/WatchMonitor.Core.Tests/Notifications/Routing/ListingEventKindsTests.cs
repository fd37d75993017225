using WatchMonitor.Listings;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Core.Tests.Notifications.Routing;

public sealed class ListingEventKindsTests
{
    [Theory]
    [InlineData("new", ListingEventKind.New)]
    [InlineData("price_drop", ListingEventKind.PriceDrop)]
    [InlineData("PRICE_RISE", ListingEventKind.PriceRise)]
    [InlineData(" sold ", ListingEventKind.Sold)]
    public void TryParse_ConfigurationName_ReadsIt(string name, ListingEventKind expected)
    {
        Assert.True(ListingEventKinds.TryParse(name, out var kind));
        Assert.Equal(expected, kind);
        Assert.Equal(name.Trim().ToLowerInvariant(), ListingEventKinds.Name(kind));
    }

    [Theory]
    [InlineData("price-drop")]
    [InlineData("drop")]
    [InlineData("")]
    public void TryParse_Other_Fails(string name) => Assert.False(ListingEventKinds.TryParse(name, out _));

    [Theory]
    [InlineData("100", "90", ListingEventKind.PriceDrop)]
    [InlineData("100", "110", ListingEventKind.PriceRise)]
    [InlineData(null, "110", ListingEventKind.PriceDrop)]
    [InlineData("100", null, ListingEventKind.PriceRise)]
    public void ForPriceChange_ClassesTheChange(string? before, string? after, ListingEventKind expected) =>
        Assert.Equal(expected, ListingEventKinds.ForPriceChange(Euros(before), Euros(after)));

    [Theory]
    [InlineData("EUR", "8500", "8500")]
    [InlineData("USD", "8500", null)]
    [InlineData("EUR", null, null)]
    public void RoutedListingFrom_TakesTheEuroPriceOnly(string currency, string? price, string? expected)
    {
        var listing = new Listing { SiteKey = "tropicalwatch", Url = "https://example.org/1", Title = "Rolex 1675", Brand = "Rolex", Model = "GMT-Master", Reference = "1675", Currency = currency, Price = Euros(price) };

        var routed = RoutedListing.From(listing);

        Assert.Equal(new RoutedListing("tropicalwatch", "Rolex 1675", "Rolex", "GMT-Master", "1675", Euros(expected)), routed);
    }

    private static decimal? Euros(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
