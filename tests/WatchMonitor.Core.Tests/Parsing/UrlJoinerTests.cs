using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Parsing;

public sealed class UrlJoinerTests
{
    [Theory]
    [InlineData("https://www.worldoftime.de", "/Watches/Rolex-Daytona", "https://www.worldoftime.de/Watches/Rolex-Daytona")]
    [InlineData("https://www.worldoftime.de", "https://cdn.example/a.jpg", "https://cdn.example/a.jpg")]
    [InlineData("https://www.worldoftime.de", "", "https://www.worldoftime.de")]
    [InlineData("https://www.worldoftime.de", null, "https://www.worldoftime.de")]
    [InlineData("https://tropicalwatch.com", "//cdn.tropicalwatch.com/x.jpg", "https://cdn.tropicalwatch.com/x.jpg")]
    [InlineData("https://www.grimmeissen.de/de/uhren", "rolex-gmt", "https://www.grimmeissen.de/de/rolex-gmt")]
    [InlineData("https://www.grimmeissen.de/de/uhren/", "rolex-gmt", "https://www.grimmeissen.de/de/uhren/rolex-gmt")]
    [InlineData("https://www.grimmeissen.de/de/uhren/", "../x", "https://www.grimmeissen.de/de/x")]
    [InlineData("https://a.de/list?p=1", "?p=2", "https://a.de/list?p=2")]
    [InlineData("https://a.de/list?p=1#top", "#end", "https://a.de/list?p=1#end")]
    [InlineData("https://www.juwelier-exchange.de", "/uhren/Rolex Datejust/SW%2012345?a=b c", "https://www.juwelier-exchange.de/uhren/Rolex Datejust/SW%2012345?a=b c")]
    [InlineData("https://www.rueschenbeck.de", "/uhren/größe-40", "https://www.rueschenbeck.de/uhren/größe-40")]
    [InlineData("http://127.0.0.1:5080/worldoftime", "/worldoftime/w/1", "http://127.0.0.1:5080/worldoftime/w/1")]
    [InlineData("https://tropicalwatch.com", "\n  /watches/x ", "https://tropicalwatch.com/watches/x")]
    [InlineData("https://tropicalwatch.com", "/watches/\t1968-rolex", "https://tropicalwatch.com/watches/1968-rolex")]
    [InlineData("https://tropicalwatch.com", "   ", "https://tropicalwatch.com")]
    public void Join_Hrefs_KeepsHrefCharacters(string baseUrl, string? href, string expected) =>
        Assert.Equal(expected, UrlJoiner.Join(baseUrl, href));

    [Theory]
    [InlineData("https://cdn.x/a.jpg", "https://cdn.x/a.jpg")]
    [InlineData("/media/a.jpg", "https://www.rueschenbeck.de/media/a.jpg")]
    public void JoinUnlessHttp_Hrefs_JoinsOnlyRelative(string href, string expected) =>
        Assert.Equal(expected, UrlJoiner.JoinUnlessHttp("https://www.rueschenbeck.de", href));
}
