using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WatchMonitor.Demo.Listings;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Listings;
using WatchMonitor.Sites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// A card or detail page the parser cannot handle costs that listing only, with one warning per cycle and site;
/// a page where every card fails is still a failed scan.
/// </summary>
public sealed class ParseIsolationTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    // Its cents overflow a decimal while the composite id is computed: the parse of that card throws.
    private const decimal AbsurdPrice = 1_000_000_000_000_000_000_000_000_000m;

    [Fact]
    public async Task RunCycle_OneCardThrows_OtherNewListingAlertsAndOneWarningPerCycle()
    {
        var site = Harness.Server.Site("grimmeissen");
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();

        var broken = site.Add(site.Listings[0] with { Model = "Explorer", Price = AbsurdPrice });
        var added = site.Add(site.Listings[1] with { Model = "Milgauss", Price = 8_900m });
        var second = await monitor.RunCycleAsync();
        var third = await monitor.RunCycleAsync();

        Assert.True(second.AllSucceeded && third.AllSucceeded);
        Assert.Equal(1, second.NewListings);
        Assert.Equal(0, third.NewListings);
        var embed = Assert.Single(Harness.Server.Discord.Webhook("grimmeissen").Embeds);
        Assert.Equal(Harness.Server.DetailUrl("grimmeissen", added), embed.Url);
        var warnings = Harness.Logs.Matching(LogLevel.Warning, "grimmeissen: 1 item(s) of the listing page could not be parsed");
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, warning => Assert.Contains(new Uri(Harness.Server.DetailUrl("grimmeissen", broken)).AbsolutePath, warning.Message, StringComparison.Ordinal));
        Assert.All(warnings, warning => Assert.IsType<OverflowException>(warning.Exception));
    }

    [Fact]
    public async Task RunCycle_EveryCardThrows_SiteFailsAsNoListings()
    {
        var site = Harness.Server.Site("grimmeissen");
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        foreach (var listing in site.Listings)
        {
            site.Reprice(listing.Id, AbsurdPrice);
        }

        var report = await monitor.RunCycleAsync();

        var grimmeissen = Assert.Single(report.Sites, result => result.SiteKey == "grimmeissen");
        Assert.True(grimmeissen.Failed);
        Assert.True(grimmeissen.NoListings);
        Assert.Contains("failed to parse", grimmeissen.Error, StringComparison.Ordinal);
        Assert.Equal(5, report.Sites.Count(result => !result.Failed));
    }

    [Fact]
    public async Task RunCycle_DetailParsersThrow_EveryNewListingAlertsWithOneWarning()
    {
        var site = Harness.Server.Site("grimmeissen");
        await using var monitor = Harness.StartMonitor(services: services => services.Replace(ServiceDescriptor.Singleton<IReadOnlyList<SiteAdapter>>(
            [.. SiteAdapters.CreateAll().Select(adapter => adapter.Site.Key == "grimmeissen" ? new BrokenDetailsAdapter(adapter) : adapter)])));
        await monitor.RunCycleAsync();

        site.Add(site.Listings[0] with { Model = "Explorer", Price = 7_100m });
        site.Add(site.Listings[1] with { Model = "Milgauss", Price = 8_900m });
        var report = await monitor.RunCycleAsync();

        Assert.True(report.AllSucceeded);
        Assert.Equal(2, report.NewListings);
        Assert.Equal(2, Harness.Server.Discord.Webhook("grimmeissen").Embeds.Count);
        var warning = Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "grimmeissen: 2 detail page(s) could not be read"));
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    [Fact]
    public async Task RunCycle_IdenticalWatchesUnderTwoUrls_AlertsBothOnceEvenWhenTheirOrderSwaps()
    {
        var site = Harness.Server.Site("grimmeissen");
        var webhook = Harness.Server.Discord.Webhook("grimmeissen");
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();

        var twin = site.Listings[0] with { Brand = "Rolex", Model = "Explorer", Reference = "14270", Price = 7_100m, Year = 1999 };
        var first = site.Add(twin);
        var second = site.Add(twin);
        var added = await monitor.RunCycleAsync();

        Assert.Equal(2, added.NewListings);
        Assert.Equal(
            new[] { Harness.Server.DetailUrl("grimmeissen", first), Harness.Server.DetailUrl("grimmeissen", second) }.Order(StringComparer.Ordinal),
            webhook.Embeds.Select(embed => embed.Url!).Order(StringComparer.Ordinal));

        for (var cycle = 0; cycle < 3; cycle++)
        {
            site.MoveToTop(cycle % 2 == 0 ? first.Id : second.Id);
            var later = await monitor.RunCycleAsync();

            Assert.True(later.AllSucceeded);
            Assert.Equal(0, later.NewListings);
        }

        Assert.Equal(2, webhook.Embeds.Count);
        Assert.Empty(Harness.Logs.Matching(LogLevel.Information, "changed its title or reference"));
    }

    private sealed class BrokenDetailsAdapter(SiteAdapter inner) : SiteAdapter
    {
        public override SiteDefinition Site => inner.Site;

        public override ListingPage ParseListings(string pageText, string baseUrl) => inner.ParseListings(pageText, baseUrl);

        public override void ApplyDetails(Listing listing, string pageText, string baseUrl) =>
            throw new InvalidOperationException("a parser bug on " + listing.Url);

        public override Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken) =>
            inner.FetchListingsAsync(fetcher, endpoints, cancellationToken);
    }
}
