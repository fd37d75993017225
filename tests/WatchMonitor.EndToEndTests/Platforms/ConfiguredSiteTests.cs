using WatchMonitor.Demo.Rendering;
using WatchMonitor.EndToEndTests.Reliability;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Rendering;
using WatchMonitor.Sites;

namespace WatchMonitor.EndToEndTests.Platforms;

/// <summary>
/// A dealer added without a release: the real <c>watchmon</c>, configured only through environment variables,
/// watches a fake shop of each platform (and no built-in site, which stays skipped so nothing leaves the machine).
/// </summary>
public sealed class ConfiguredSiteTests : IAsyncLifetime
{
    private FakeSitesServer _server = null!;
    private string _directory = "";

    public static TheoryData<string> PlatformShops => new(SiteRenderers.Platforms.Select(renderer => renderer.Key));

    public async Task InitializeAsync()
    {
        _server = await FakeSitesServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("watchmon-platform-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(PlatformShops))]
    public async Task Once_SiteDefinedOnlyByEnvironment_BaselinesThenAlertsExactlyItsNewListings(string key)
    {
        var site = _server.Site(key);
        var start = site.Listings;
        site.MarkSold(start[0].Id);
        site.Reprice(start[1].Id, null);
        site.Update(start[2].Id, listing => listing with { ListPrice = listing.Price + 750m });
        var environment = Environment(key);

        var baseline = await WatchmonProcess.RunAsync(_directory, environment, "once");

        Assert.True(baseline.ExitCode == 0, baseline.All);
        Assert.Matches($@"{key}\s+baseline\s+11\s+0\s+0", baseline.Output);
        Assert.Empty(_server.Discord.Webhook(key).Messages);

        var churn = site.Churn(3, seed: 11);
        var second = await WatchmonProcess.RunAsync(_directory, environment, "once");

        Assert.True(second.ExitCode == 0, second.All);
        var expected = churn.Added.Select(listing => _server.ExpectListing(key, listing)!.Url).Order(StringComparer.Ordinal);
        var embeds = _server.Discord.Webhook(key).Embeds;
        Assert.Equal(expected, embeds.Select(embed => embed.Url!).Order(StringComparer.Ordinal));
        Assert.All(embeds, embed => Assert.Null(embed.Description));
        var newest = churn.Added[^1];
        var embed = Assert.Single(embeds, e => e.Url == _server.ExpectListing(key, newest)!.Url);
        var details = SiteRenderers.Get(key).ExpectDetails(newest);
        Assert.Equal($"{newest.Brand} {newest.Model} {newest.Reference}", embed.Title);
        Assert.StartsWith(SiteRenderers.Platforms.Single(p => p.Key == key).Name + " - Detected: ", embed.FooterText, StringComparison.Ordinal);
        Assert.Equal("**" + details.Year + "**", embed.Field("🗓️ Year:"));
        Assert.Equal("**" + details.Diameter + "**", embed.Field("📏 Diameter:"));

        var third = await WatchmonProcess.RunAsync(_directory, environment, "once");

        Assert.True(third.ExitCode == 0, third.All);
        Assert.Matches($@"{key}\s+ok\s+\d+\s+0\s+0", third.Output);
        Assert.Equal(3, _server.Discord.Webhook(key).Embeds.Count);
    }

    [Fact]
    public async Task Once_ConfiguredListingRepriced_PostsAPriceChange()
    {
        const string key = "selectors_shop";
        var environment = Environment(key);
        var first = await WatchmonProcess.RunAsync(_directory, environment, "once");
        Assert.True(first.ExitCode == 0, first.All);
        var listing = _server.Site(key).Listings[0];

        _server.Site(key).Reprice(listing.Id, 99_950m);
        var second = await WatchmonProcess.RunAsync(_directory, environment, "once");

        Assert.True(second.ExitCode == 0, second.All);
        var embed = Assert.Single(_server.Discord.Webhook(key).Embeds);
        Assert.StartsWith("Price changed: ", embed.Description, StringComparison.Ordinal);
        Assert.EndsWith("→ €99.950", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidConfiguredSite_FailsNamingTheKey()
    {
        var environment = Environment("selectors_shop");
        environment["Sites:selectors_shop:Selectors:Price"] = "div[";

        var result = await WatchmonProcess.RunAsync(_directory, environment, "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Sites:selectors_shop:Selectors:Price='div[' is not a valid CSS selector", result.Error, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Environment(string key)
    {
        var environment = new Dictionary<string, string?>(_server.PlatformConfiguration(key))
        {
            ["SKIP_SITES"] = string.Join(',', SiteCatalog.All.Select(site => site.Key)),
            ["DETAIL_PAGE_DELAY"] = "0",
            ["MAX_RETRIES"] = "0",
            ["REQUEST_TIMEOUT"] = "10",
            ["EXCHANGE_RATE_API_URL"] = _server.ExchangeRateUrl,
            ["HEALTH_ENABLED"] = "false",
        };
        return environment;
    }
}
