using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Parsing;

public sealed class BrandModelSplitterTests
{
    private static readonly KeyValuePair<string, string>[] Brands =
    [
        new("heuer", "Heuer"),
        new("rolex", "Rolex"),
        new("rolex submariner", "Rolex Submariner"),
        new("tag heuer", "Tag Heuer"),
    ];

    [Theory]
    // "rolex" comes before "rolex submariner" in the table, so it wins although shorter.
    [InlineData("Rolex Submariner 16610", "Rolex", "Submariner 16610")]
    [InlineData("ROLEX - Explorer", "Rolex", "Explorer")]
    [InlineData("Rolex | GMT", "Rolex", "GMT")]
    [InlineData("Rolex", "Rolex", null)]
    [InlineData("Tag Heuer Monaco", "Tag Heuer", "Monaco")]
    [InlineData("Heuer-Monaco", "Heuer", "Monaco")]
    [InlineData("Heuer Carrera", "Heuer", "Carrera")]
    [InlineData("Sinn 556 I", "Sinn", "556 I")]
    [InlineData("Sinn", "Sinn", null)]
    [InlineData("", null, null)]
    public void Split_TableOrder_FirstMatchingKeyWins(string title, string? brand, string? model) =>
        Assert.Equal((brand, model), BrandModelSplitter.Split(title, Brands));
}
