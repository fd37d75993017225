using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Parsing;

public sealed class YearParserTests
{
    [Theory]
    [InlineData("Baujahr: ca. 1985", null, "1985")]
    [InlineData("16610 Submariner 1995", null, "1995")]
    [InlineData("Ref 16610 from 1995", null, null)]
    [InlineData("1990er Jahre", null, null)]
    [InlineData("", "Rolex 1675 GMT 1968", "1968")]
    [InlineData(null, "Rolex 1675 GMT 1968", "1968")]
    [InlineData("A1990", null, "1990")]
    [InlineData("Year: 2019, Box & Papers", null, "2019")]
    [InlineData("Papers from 2004", "Rolex 2008", "2004")]
    [InlineData("no year here", "nothing", null)]
    public void Parse_SpecExamples_AgreeWithReference(string? primary, string? title, string? expected)
    {
        Assert.Equal(expected, YearParser.Parse(primary, title));
        Assert.Equal(expected, YearParser.ParseAsReference(primary, title));
    }

    [Theory]
    // Python monitor defect 10 (docs/python-monitor.md): the Python monitor's pass 1 ignores reference context.
    [InlineData("Ref. 2010, Baujahr 1998", "1998", "2010")]
    // The Python monitor checks the context of the first textual occurrence, not of the match.
    [InlineData("Ref. 5513-1985 Baujahr 1985", "1985", null)]
    // A reference number that looks like a year, then the real year.
    [InlineData("SKU 1950, Baujahr ca. 1962", "1962", "1950")]
    [InlineData("Ref. 5513 from the year 1972", "1972", "1972")]
    // A comma ends the reference context: "ca. 1965" is the year, "Ref. 2000" is not.
    [InlineData("Ref. 2000, ca. 1965", "1965", "2000")]
    public void Parse_ReferenceDefects_ReadsCorrectly(string primary, string? expected, string? expectedAsReference)
    {
        Assert.Equal(expected, YearParser.Parse(primary));
        Assert.Equal(expectedAsReference, YearParser.ParseAsReference(primary));
    }

    [Fact]
    public void ParseAsReference_PassOneOutOfRange_FallsBackToPassTwo() =>
        Assert.Equal("1995", YearParser.ParseAsReference("16610 Submariner 1995"));
}
