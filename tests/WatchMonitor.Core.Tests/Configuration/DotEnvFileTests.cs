using WatchMonitor.Configuration;

namespace WatchMonitor.Core.Tests.Configuration;

public sealed class DotEnvFileTests
{
    [Theory]
    [InlineData("K=v", "v")]
    [InlineData("K = v ", "v")]
    [InlineData("  K=v", "v")]
    [InlineData("K=", "")]
    [InlineData("K=   ", "")]
    [InlineData("export K=v", "v")]
    [InlineData("export   K = v", "v")]
    [InlineData("K=v # note", "v")]
    [InlineData("K=v\t# note", "v")]
    [InlineData("K=v#not-a-comment", "v#not-a-comment")]
    [InlineData("K=a b  c", "a b  c")]
    [InlineData("K=# only a comment", "")]
    [InlineData("K=x=y==", "x=y==")]
    [InlineData("K=\"v\" # note", "v")]
    [InlineData("K=\"v\"# note", "v")]
    [InlineData("K='v' # note", "v")]
    [InlineData("K=\"  spaced  \"", "  spaced  ")]
    [InlineData("K=\"a # not a comment\"", "a # not a comment")]
    [InlineData("K='a # not a comment'", "a # not a comment")]
    [InlineData("K=\"\"", "")]
    [InlineData("K=''", "")]
    [InlineData("K=\"line1\\nline2\"", "line1\nline2")]
    [InlineData("K=\"tab\\there\"", "tab\there")]
    [InlineData("K=\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("K=\"back\\\\slash\"", "back\\slash")]
    [InlineData("K=\"it\\'s\"", "it's")]
    [InlineData("K=\"\\u00e9t\\u00e9\"", "été")]
    [InlineData("K=\"C:\\path\"", "C:\\path")]
    [InlineData("K=\"cost \\$5\"", "cost $5")]
    [InlineData("K='no\\nescape'", "no\\nescape")]
    [InlineData("K='it\\'s'", "it's")]
    [InlineData("K=\"single ' inside\"", "single ' inside")]
    [InlineData("K='double \" inside'", "double \" inside")]
    [InlineData("K=unquoted\\nstays", "unquoted\\nstays")]
    [InlineData("K={\"json\": \"kept\"}", "{\"json\": \"kept\"}")]
    [InlineData("K=\"first\nsecond\"", "first\nsecond")]
    [InlineData("K=\"first  \n  second\n\"", "first  \n  second\n")]
    [InlineData("K='multi\nline'", "multi\nline")]
    [InlineData("K=\"crlf\r\nline\"", "crlf\nline")]
    [InlineData("\uFEFFK=bom", "bom")]
    [InlineData("K=first\nK=second", "second")]
    [InlineData("# K=commented\nK=kept", "kept")]
    [InlineData("K=https://discord.com/api/webhooks/1/a?wait=true", "https://discord.com/api/webhooks/1/a?wait=true")]
    public void Parse_Value_FollowsDotenvConventions(string text, string expected)
    {
        var values = DotEnvFile.Parse(text, ".env");

        Assert.Equal(expected, values["K"]);
    }

    [Fact]
    public void Parse_DoubleUnderscoreAndCase_MapsToConfigurationKeyIgnoringCase()
    {
        var values = DotEnvFile.Parse("Sites__grimmeissen__Enabled=false\nexport_me=1\nexported=2", ".env");

        Assert.Equal("false", values["sites:GRIMMEISSEN:enabled"]);
        Assert.Equal("1", values["export_me"]);
        Assert.Equal("2", values["exported"]);
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public void Parse_ValueAfterMultiLineValue_KeepsLineNumbersForLaterErrors()
    {
        var exception = Assert.Throws<FormatException>(() => DotEnvFile.Parse("A=\"one\ntwo\nthree\"\nB=1\nbroken line", ".env"));

        Assert.StartsWith(".env line 5 is not KEY=VALUE", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A=1\nhttps://discord.com/api/webhooks/1/secret", 2, "is not KEY=VALUE: 'https://disc…'")]
    [InlineData("=value", 1, "has no variable name before '='")]
    [InlineData("MY KEY=1", 1, "has no variable name before '='")]
    [InlineData("1ABC=1", 1, "has no variable name before '='")]
    [InlineData("A=1\nK=\"never closed secret\nB=2", 2, "opens a double-quoted value for K that is never closed")]
    [InlineData("K='never closed secret", 1, "opens a single-quoted value for K that is never closed")]
    [InlineData("K=\"a\" secret", 1, "has text after the closing \" of K")]
    [InlineData("K=\"a\nb\" secret", 2, "has text after the closing \" of K")]
    public void Parse_InvalidLine_NamesFileAndLineWithoutTheValue(string text, int line, string problem)
    {
        var exception = Assert.Throws<FormatException>(() => DotEnvFile.Parse(text, "/srv/.env"));

        Assert.StartsWith($"/srv/.env line {line} {problem}", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix or comment out that line.", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_File_LeavesTheProcessEnvironmentAlone()
    {
        var name = "WATCHMON_DOTENV_TEST_" + Guid.NewGuid().ToString("N");
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".env");
        File.WriteAllText(path, $"{name}=\"from file\"\n");
        try
        {
            var values = DotEnvFile.Read(path);

            Assert.Equal("from file", values[name]);
            Assert.Null(Environment.GetEnvironmentVariable(name));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
