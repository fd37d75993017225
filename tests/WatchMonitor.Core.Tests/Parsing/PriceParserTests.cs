using System.Globalization;
using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Parsing;

public sealed class PriceParserTests
{
    [Theory]
    [InlineData("€ 12.500,-", "12500")]
    [InlineData("EUR 8.500,00", "8500.00")]
    [InlineData("$12,500", "12500")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("CHF 1.000", "1000")]
    [InlineData("12,50", "12.50")]
    [InlineData("25000.00", "25000.00")]
    [InlineData("12.500 €", "12500")]
    [InlineData("12 500 €", "12500")]
    [InlineData("1.234.567 €", "1234567")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("3.190,00 €*", "3190.00")]
    [InlineData("ab 1.234 €", "1234")]
    [InlineData("12.500,–", "12500")]
    [InlineData("EUR8.500", "8500")]
    [InlineData("Preis auf Anfrage", null)]
    [InlineData("Price on Request", null)]
    [InlineData("Verkauft", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Parse_Formats_ReadsAmount(string? text, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture), PriceParser.Parse(text));

    [Theory]
    [InlineData("€ 12.500,-", "12500")]
    [InlineData("EUR 8.500,00", "8500.00")]
    [InlineData("$12,500", "12500")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("CHF 1.000", "1000")]
    [InlineData("12,50", "12.50")]
    [InlineData("1.234.567", null)]
    [InlineData("3.190,00 €*", null)]
    [InlineData("ab 1.234 €", null)]
    [InlineData("12.500,–", null)]
    [InlineData("Preis auf Anfrage", null)]
    public void ParseAsReference_KeepsReferenceDefects(string text, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture), PriceParser.ParseAsReference(text));

    [Theory]
    [InlineData("8500", "EUR", "€8.500")]
    [InlineData("12500.5", "EUR", "€12.500")]
    [InlineData("12501.5", "USD", "$12.502")]
    [InlineData("1200", "CHF", "1.200 CHF")]
    [InlineData("0", "EUR", null)]
    [InlineData("999", "EUR", "€999")]
    [InlineData("1234567", "EUR", "€1.234.567")]
    public void Display_Amounts_FormatsLikeReference(string amount, string currency, string? expected) =>
        Assert.Equal(expected, PriceDisplay.Format(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));
}
