using WatchMonitor.Listings;

namespace WatchMonitor.Core.Tests.Listings;

public sealed class CompositeIdTests
{
    // The six vectors of docs/ids.md, computed with the Python monitor. They must never change.
    [Theory]
    [InlineData("Rolex", "Submariner Date", "116610LN", "8500.00", null, null, "Rolex Submariner Date", "https://x/a",
        "rolex|submariner date|116610ln|850000", "215de3dfc0d1f6a1f0004cf826c7e0fd")]
    [InlineData("Omega", "Speedmaster Professional", "311.30.42.30.01.005", "4200", "2019", "Titanium", "t", "https://x/b",
        "omega|speedmaster professional|311.30.42.30.01.005|420000|2019|titanium", "336064e11c66bba8a09c232387fd9665")]
    [InlineData(null, null, null, "10200", null, null, "1968 Rolex GMT-Master 1675", "https://tropicalwatch.com/watches/1968-rolex-gmt-master-1675",
        "1968 rolex gmt-master 1675|1020000|https://tropicalwatch.com/watches/1968-rolex-gmt-master-1675", "41757d9461ef3c85be54baf4ff7d59c2")]
    [InlineData(null, null, null, null, null, null, "Unknown Watch", "https://www.juwelier-exchange.de/rolex-datejust/sw12345",
        "unknown watch|https://www.juwelier-exchange.de/rolex-datejust/sw12345", "8cfa2779787a0651120f188c0744bc61")]
    [InlineData("A. Lange & Söhne", "Datograph Up/Down", "403. 035", "12345.678", null, null, "t", "https://x/c",
        "a. lange & söhne|datograph up/down|403.035|1234567", "a8b342dfa711e953d6a86add2150fa5b")]
    [InlineData("Rolex", null, null, null, "1970", null, "Rolex Daytona", "https://x/c",
        "rolex daytona|https://x/c", "8ae96e62d69d492205b70f5de86e6fba")]
    public void Compute_ReferenceVectors_MatchReference(
        string? brand, string? model, string? reference, string? price, string? year, string? material, string title, string url,
        string expectedKey, string expectedId)
    {
        var inputs = new CompositeIdInputs(brand, model, reference, price is null ? null : decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), year, material, title, url);

        Assert.Equal(expectedKey, CompositeId.BuildKey(inputs));
        Assert.Equal(expectedId, CompositeId.Compute(inputs));
    }

    [Fact]
    public void AssignIdentity_UncleanedFields_CleansBeforeHashing()
    {
        var listing = new Listing
        {
            SiteKey = "worldoftime",
            Url = "https://x/c",
            Brand = "  A. Lange &amp; Söhne ",
            Model = " Datograph   Up/Down ",
            Reference = "403. 035",
            Price = 12345.678m,
        };

        listing.AssignIdentity();

        Assert.Equal("A. Lange & Söhne", listing.Brand);
        Assert.Equal("Datograph Up/Down", listing.Model);
        Assert.Equal("a8b342dfa711e953d6a86add2150fa5b", listing.CompositeId);
        Assert.Null(listing.LegacyCompositeId);
    }

    [Fact]
    public void AssignIdentity_ReferenceLostThePrice_KeepsBothIds()
    {
        var listing = new Listing { SiteKey = "grimmeissen", Url = "https://x/d", Brand = "Rolex", Model = "Explorer", Price = 3190m };

        listing.AssignIdentity(CompositeIdInputs.From(listing) with { Price = null });

        Assert.Equal(CompositeId.Compute(new CompositeIdInputs("Rolex", "Explorer", null, 3190m, null, null, "Unknown Watch", "https://x/d")), listing.CompositeId);
        Assert.Equal(CompositeId.Compute(new CompositeIdInputs("Rolex", "Explorer", null, null, null, null, "Unknown Watch", "https://x/d")), listing.LegacyCompositeId);
        Assert.Equal([listing.CompositeId, listing.LegacyCompositeId!], listing.KnownIds());
    }

    [Fact]
    public void AssignIdentity_PriceWithCents_KeepsPythonFloatIdAsLegacy()
    {
        var listing = new Listing { SiteKey = "watch_out", Url = "https://x/e", Brand = "Omega", Model = "Seamaster", Price = 9250.55m };

        listing.AssignIdentity();

        Assert.Equal(CompositeId.Compute(new CompositeIdInputs("Omega", "Seamaster", null, 9250.55m, null, null, null, null)), listing.CompositeId);
        Assert.Equal(CompositeId.Compute(new CompositeIdInputs("Omega", "Seamaster", null, 9250.54m, null, null, null, null)), listing.LegacyCompositeId);
    }

    [Theory]
    [InlineData("9250.55", "925054")]
    [InlineData("19.99", "1998")]
    [InlineData("8500.00", "850000")]
    public void PriceInCentsAsPythonFloat_Cents_TruncatesLikePython(string price, string expected) =>
        Assert.Equal(expected, CompositeId.PriceInCentsAsPythonFloat(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0", "")]
    [InlineData("8500.00", "850000")]
    [InlineData("12345.678", "1234567")]
    [InlineData("1234.56", "123456")]
    [InlineData("0.299", "29")]
    public void PriceInCents_TruncatesTowardZero(string price, string expected) =>
        Assert.Equal(expected, CompositeId.PriceInCents(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void PriceInCents_LargestPrice_IsExact() =>
        Assert.Equal("79228162514264337593543950335", CompositeId.PriceInCents(decimal.MaxValue / 100m));

    // Beyond decimal.MaxValue / 100 the cents overflow: a clear error that costs the card only (ListingCollector).
    [Theory]
    [InlineData("792281625142643375935439504")]
    [InlineData("-1000000000000000000000000000")]
    public void AssignIdentity_PriceBeyondTheIdRange_ThrowsAnOverflowThatNamesThePrice(string price)
    {
        var amount = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
        var listing = new Listing { SiteKey = "watch_out", Url = "https://x/f", Brand = "Rolex", Model = "Daytona", Price = amount };

        var exception = Assert.Throws<OverflowException>(() => listing.AssignIdentity());

        Assert.Contains(price, exception.Message, StringComparison.Ordinal);
        Assert.Contains("misread", exception.Message, StringComparison.Ordinal);
    }
}
