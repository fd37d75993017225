using Microsoft.Extensions.Configuration;
using WatchMonitor.Cli;
using WatchMonitor.Configuration;
using WatchMonitor.Sites.Platforms;

namespace WatchMonitor.Tests.Cli;

public sealed class InitTemplateTests
{
    private const string Prefix = "#Sites__my_dealer__";

    [Fact]
    public void Template_ConfiguredSiteExample_PointsToTheGuide()
    {
        Assert.Contains("docs/adding-a-dealer.md", InitCommand.Template, StringComparison.Ordinal);
        Assert.Contains(Prefix + "Platform=shopify", InitCommand.Template, StringComparison.Ordinal);
        Assert.Contains(Prefix + "ListingUrl=", InitCommand.Template, StringComparison.Ordinal);
        Assert.Contains(Prefix + "WebhookUrl=", InitCommand.Template, StringComparison.Ordinal);
        Assert.Contains("MY_DEALER_WEBHOOK_URL", InitCommand.Template, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_ConfiguredSiteLinesUncommented_ReadAsOneValidSite()
    {
        var values = ExampleLines()
            .Where(line => !line.Key.StartsWith("Selectors", StringComparison.Ordinal))
            .ToDictionary(line => "Sites:my_dealer:" + line.Key, line => (string?)line.Value);

        var (sites, errors) = ConfiguredSites.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new HashSet<string>());

        Assert.Empty(errors);
        var site = Assert.Single(sites);
        Assert.Equal(SitePlatforms.Shopify, site.Definition.Platform);
        Assert.Equal("https://discord.com/api/webhooks/<id>/<token>", site.WebhookUrl);
    }

    [Fact]
    public void Template_SelectorLinesWithPlatformSelectors_ReadAsOneValidSite()
    {
        var values = ExampleLines().ToDictionary(line => "Sites:my_dealer:" + line.Key, line => (string?)line.Value);
        values["Sites:my_dealer:Platform"] = SitePlatforms.Selectors;

        var (sites, errors) = ConfiguredSites.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new HashSet<string>());

        Assert.Empty(errors);
        Assert.NotNull(Assert.Single(sites).Selectors);
    }

    // "#Sites__my_dealer__Selectors__Card=article.product" → ("Selectors:Card", "article.product").
    private static IEnumerable<KeyValuePair<string, string>> ExampleLines() =>
        InitCommand.Template.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(line => line[Prefix.Length..].Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0].Replace("__", ":", StringComparison.Ordinal), parts[1]));
}
