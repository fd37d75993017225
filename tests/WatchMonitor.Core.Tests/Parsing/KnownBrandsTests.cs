using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Parsing;

public sealed class KnownBrandsTests
{
    [Theory]
    [InlineData("Rolex", "Rolex Submariner Date", "Rolex", "Submariner Date")]
    [InlineData("ROLEX", "Rolex - Daytona 116500LN", "Rolex", "Daytona 116500LN")]
    [InlineData("jaeger lecoultre", "Jaeger-LeCoultre Reverso", "Jaeger-LeCoultre", "Reverso")]
    [InlineData("Bvlgari", "Octo Finissimo", "Bulgari", "Octo Finissimo")]
    [InlineData("Grönefeld", "Grönefeld 1941 Remontoire", "Grönefeld", "1941 Remontoire")]
    [InlineData("Chrono Shop", "Omega Speedmaster Professional", "Omega", "Speedmaster Professional")]
    [InlineData("chrono-shop", "Tag Heuer Monaco CAW211P", "TAG Heuer", "Monaco CAW211P")]
    [InlineData(null, "Heuer Carrera 2447S", "Heuer", "Carrera 2447S")]
    [InlineData("", "Herrenuhr Patek Philippe Calatrava 5196J", "Patek Philippe", "Calatrava 5196J")]
    [InlineData(null, "Rolex Datejust, Zifferblatt im Stil von Patek Philippe", "Rolex", "Datejust, Zifferblatt im Stil von Patek Philippe")]
    [InlineData(null, "A. Lange & Söhne Lange 1", "A. Lange & Söhne", "Lange 1")]
    [InlineData(null, "A. Lange &amp; Söhne Zeitwerk", "A. Lange & Söhne", "Zeitwerk")]
    [InlineData(null, "Glashutte Original Senator", "Glashütte Original", "Senator")]
    [InlineData(null, "Habring² Felix", "Habring²", "Felix")]
    [InlineData(null, "Rolexa Uhrenbeweger", "Rolexa", "Uhrenbeweger")]
    [InlineData(null, "Tudor", "Tudor", null)]
    [InlineData(null, "  ", null, null)]
    public void Split_VendorAndTitle_GivesBrandAndModel(string? vendor, string? title, string? brand, string? model) =>
        Assert.Equal((brand, model), KnownBrands.Split(vendor, title, "Chrono Shop"));

    [Fact]
    public void Names_CommonLuxuryBrands_AreKnown() =>
        Assert.Superset(
            new HashSet<string> { "Rolex", "Patek Philippe", "Audemars Piguet", "Omega", "Cartier", "Breitling", "IWC", "Panerai", "Tudor", "Hublot", "Richard Mille", "Vacheron Constantin", "A. Lange & Söhne", "Jaeger-LeCoultre", "Grand Seiko", "TAG Heuer", "Zenith", "Breguet", "Blancpain", "Chopard" },
            KnownBrands.Names.ToHashSet());
}
