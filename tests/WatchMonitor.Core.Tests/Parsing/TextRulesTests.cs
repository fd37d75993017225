using AngleSharp.Html.Parser;
using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Parsing;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("<div><b>Rolex</b>Daytona</div>", "Rolex Daytona")]
    [InlineData("<div>  Omega \n <span> Speedmaster  Pro </span></div>", "Omega Speedmaster  Pro")]
    [InlineData("<div>A<!-- hidden -->B</div>", "A B")]
    [InlineData("<div>Price<script>var x = 1;</script><style>p{}</style> 12.500 €</div>", "Price 12.500 €")]
    [InlineData("<div>\u00A0Tudor\u00A0</div>", "Tudor")]
    [InlineData("<div></div>", "")]
    public void ElementText_Markup_JoinsTrimmedTextNodes(string html, string expected)
    {
        using var document = new HtmlParser().ParseDocument("<html><body>" + html + "</body></html>");

        Assert.Equal(expected, ElementText.Of(document.Body!.FirstElementChild));
    }

    [Fact]
    public void ElementText_MissingElement_IsEmptyOrNull()
    {
        Assert.Equal("", ElementText.Of(null));
        Assert.Null(ElementText.OrNull(null));
    }

    [Theory]
    [InlineData("  A. Lange &amp; Söhne ", "A. Lange & Söhne")]
    [InlineData(" Datograph   Up/Down ", "Datograph Up/Down")]
    [InlineData("Sub\u00A0\u00A0mariner\t\n", "Sub mariner")]
    [InlineData("&lt;b&gt;", "<b>")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void RecordCleaner_Values_CollapseTrimAndDecode(string? value, string? expected) =>
        Assert.Equal(expected, RecordCleaner.Clean(value));

    [Theory]
    [InlineData("116610ln", "116610Ln")]
    [InlineData("gmt-master", "Gmt-Master")]
    [InlineData("DAY-DATE ii", "Day-Date Ii")]
    [InlineData("universal genève", "Universal Genève")]
    [InlineData("", "")]
    public void TextCase_Title_UpperCasesAfterNonLetters(string value, string expected) =>
        Assert.Equal(expected, TextCase.Title(value));
}
