using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Sites.JuwelierExchange;

public sealed class DescriptionFactsTests
{
    [Theory]
    [InlineData("Gehäusedurchmesser 40 mm", "40 mm")]
    [InlineData("Durchmesser von 36,5mm", "36.5 mm")]
    [InlineData("Gehäusegröße ca. 41 mm, Höhe 12 mm", "41 mm")]
    [InlineData("Der Gehäusedurchmesser beträgt 39 mm", null)] // a word between keyword and number
    [InlineData("Durchmesser: 42 mm", "42 mm")] // the Python monitor rejected the colon
    [InlineData("Case diameter 44.25 mm", "44.25 mm")]
    [InlineData("DURCHMESSER 38\u00A0mm", "38 mm")]
    [InlineData("Durchmesser 140 mm", null)] // more than two digits
    [InlineData("Gehäusegröße 25 x 31 mm", "25 mm")] // rectangular: the first side
    [InlineData("Maße: 22,5 × 30 mm", "22.5 mm")]
    [InlineData("Armbandlänge 18 cm", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Diameter_DescriptionText_NormalisedWithDotAndSpace(string? description, string? expected)
    {
        Assert.Equal(expected, DescriptionFacts.Diameter(description));
    }

    [Theory]
    [InlineData("Gehäuse aus Edelstahl mit Saphirglas", "Steel")]
    [InlineData("Uhr aus Stahl", "Steel")]
    [InlineData("Gehäuse aus 750er Gelbgold", "Yellow Gold")]
    [InlineData("gefertigt aus Weißgold", "White Gold")]
    [InlineData("Gehäuse aus Weissgold", "White Gold")]
    [InlineData("aus Rotgold", "Rose Gold")]
    [InlineData("aus Roségold", "Rose Gold")]
    [InlineData("Lünette aus Rosévergoldung", "Rose Gold")]
    [InlineData("Gehäuse aus Gold", "Gold")]
    [InlineData("Gehäuse aus 333er Gold", "Gold")]
    [InlineData("Material: Titan", "Titanium")]
    [InlineData("Material: Keramik", "Ceramic")]
    [InlineData("Gehäuse aus 925er Silber", "Silver")]
    [InlineData("Gehäuse aus Silber", "Silber")]
    [InlineData("Taschenuhr aus silber, vergoldet", "Silber, Vergoldet")]
    [InlineData("Gehäuse aus PVD-Beschichtung", "PVD Coated Steel")]
    [InlineData("Automatikwerk Kaliber 2824 Edelstahl", "Steel")]
    [InlineData("Armband aus Stahl, Gehäuse aus Gelbgold", "Yellow Gold")] // the case is named first in priority
    [InlineData("Armband aus Leder, Gehäuse Edelstahl", null)] // "Gehäuse Edelstahl" has none of the prefixes
    [InlineData("Ein Klassiker aus der Schweiz", null)]
    [InlineData("Haus Stahl", null)] // "aus" only as a word
    [InlineData(null, null)]
    public void CaseMaterial_DescriptionText_MappedToEnglish(string? description, string? expected)
    {
        Assert.Equal(expected, DescriptionFacts.CaseMaterial(description));
    }
}
