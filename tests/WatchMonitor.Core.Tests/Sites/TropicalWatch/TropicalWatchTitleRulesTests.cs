using WatchMonitor.Sites.TropicalWatch;

namespace WatchMonitor.Core.Tests.Sites.TropicalWatch;

public sealed class TropicalWatchTitleRulesTests
{
    [Theory]
    [InlineData("Rolex Submariner 5513 Meters First", "Rolex", null, "Submariner Meters First")]
    [InlineData("rolex submariner 5513", "Rolex", "5513", "Submariner")]
    [InlineData("1968 Rolex GMT-Master 1675", "Rolex", "1675", "Rolex Gmt-Master")]
    [InlineData("Heuer Autavia 2446 1969 Mark III", "Heuer", null, "Autavia Mark Iii")]
    [InlineData("Omega 2998-1 Speedmaster", "Omega", "2998-1", "Speedmaster")]
    [InlineData("Rolex", "Rolex", null, null)]
    [InlineData("Rolex 1968 Rolex", "Rolex", null, null)]
    [InlineData("Rolex Submariner", null, null, null)]
    public void ModelOf_Title_StripsBrandYearReferenceAndKeepsThreeWords(string title, string? brand, string? reference, string? expected) =>
        Assert.Equal(expected, TropicalWatchTitleRules.ModelOf(title, brand, reference));

    [Theory]
    [InlineData("1970 Omega Speedmaster 145.022", "Omega", "Speedmaster", "145.022")]
    [InlineData("Rolex Submariner 1680/8 Tropical", "Rolex", "Submariner", "1680/8")]
    [InlineData("Heuer Carrera 2447 NST", "Heuer", "Carrera", "2447 NST")]
    [InlineData("Cartier Tank W1529856 Large", "Cartier", "Tank", "W1529856")]
    [InlineData("Tudor Black Bay BB 58", "Tudor", "Black Bay", null)]
    [InlineData("Zenith A384 El Primero", "Zenith", "El Primero", "A384")]
    [InlineData("Rolex Submariner 5513", "Rolex", "Submariner", null)]
    // As in the Python monitor: the brand goes first, so the model "Rolex Gmt-Master" no longer matches and "GMT" is left.
    [InlineData("1968 Rolex GMT-Master 1675", "Rolex", "Rolex Gmt-Master", "GMT")]
    [InlineData("Universal Geneve Polerouter 20217", null, null, "20217")]
    [InlineData("Omega Seamaster", "Omega", "Seamaster", null)]
    public void ReferenceOf_Title_TakesFirstUpperCaseCode(string title, string? brand, string? model, string? expected) =>
        Assert.Equal(expected, TropicalWatchTitleRules.ReferenceOf(title, brand, model));

    [Theory]
    [InlineData("Patek Philippe 3445 18k WG", "White Gold")]
    [InlineData("Rolex Day-Date Yellow Gold", "Yellow Gold")]
    [InlineData("Cartier Tank 18k PG", "Rose Gold")]
    [InlineData("Vacheron Pink Gold Chronograph", "Rose Gold")]
    [InlineData("Omega Stainless Chronograph", "Steel")]
    [InlineData("Rolex Steel and Gold Datejust", "Steel")]
    [InlineData("Gruen Curvex Gold Filled", "Gold")]
    [InlineData("Urwerk UR-105 CT Titanium", null)]
    public void MaterialOf_Title_MapsFirstMatchingGroup(string title, string? expected) =>
        Assert.Equal(expected, TropicalWatchTitleRules.MaterialOf(title));

    [Theory]
    [InlineData("Rolex 36mm Datejust", "36mm")]
    [InlineData("A 36.5 mm case", "36.5mm")]
    [InlineData("Oversized 38MM", "38mm")]
    [InlineData("Case 145.022 and 40 mm", "40mm")]
    [InlineData("Small 9mm", null)]
    [InlineData("No size given", null)]
    public void DiameterIn_Text_ReadsTwoDigitMillimetres(string text, string? expected) =>
        Assert.Equal(expected, TropicalWatchTitleRules.DiameterIn(text));
}
