using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Demo.Listings;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Sites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// The cycle scans only the sites whose lease this instance holds; another instance is played by SQL on the same
/// database, as a second process would write it.
/// </summary>
public sealed class SiteLeaseTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string Site = "worldoftime";

    [Fact]
    public async Task RunOnce_SiteHeldByAnotherInstance_IsSkippedAndAlertedWithoutRebaselineAfterItLeaves()
    {
        await using var monitor = Harness.StartMonitor([new("INSTANCE_NAME", "test-alpha")]);
        var baseline = await monitor.RunCycleAsync();
        Assert.Equal(6, baseline.Sites.Count);
        Assert.Equal("test-alpha", baseline.Instance);
        Assert.Equal(6, baseline.HeldSites.Count);

        TakeOver(Site);
        Harness.Server.Site(Site).Add(Watch);
        var skipped = await monitor.RunCycleAsync();

        Assert.DoesNotContain(skipped.Sites, site => site.SiteKey == Site);
        Assert.DoesNotContain(Site, skipped.HeldSites);
        Assert.Equal(skipped.HeldSites.Order(StringComparer.Ordinal), skipped.Sites.Select(site => site.SiteKey).Order(StringComparer.Ordinal));
        Assert.Empty(Harness.Server.Discord.Webhook(Site).Messages);
        Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "another instance took over"));

        OtherLeaves();
        var back = await monitor.RunCycleAsync();

        var scanned = Assert.Single(back.Sites, site => site.SiteKey == Site);
        Assert.False(scanned.Baseline);
        Assert.Equal(1, scanned.NewListings);
        Assert.Single(Harness.Server.Discord.Webhook(Site).Messages);
        Assert.Equal(6, back.HeldSites.Count);
    }

    [Fact]
    public async Task RunOnce_LeaseLostDuringTheScan_RollsBackThatSitesCommitOnly()
    {
        var fetcher = default(StealingFetcher);
        await using var monitor = Harness.StartMonitor(
            [new("INSTANCE_NAME", "test-alpha")],
            MonitorHarness.DecorateFetcher(inner => fetcher = new StealingFetcher(inner)));
        await monitor.RunCycleAsync();
        var seenBefore = Harness.SeenIds(Site);
        var listingUrl = monitor.Services.GetRequiredService<IReadOnlyList<MonitoredSite>>().Single(site => site.Key == Site).Endpoints.ListingUrl;
        fetcher!.OnFetch = url =>
        {
            if (url == listingUrl)
            {
                TakeOver(Site);
            }
        };
        Harness.Server.Site(Site).Add(Watch);

        var lost = await monitor.RunCycleAsync();

        Assert.DoesNotContain(lost.Sites, site => site.SiteKey == Site);
        Assert.True(lost.AllSucceeded);
        Assert.Equal(seenBefore, Harness.SeenIds(Site));
        Assert.DoesNotContain(Harness.OutboxEntries(), message => message.SiteKey == Site);
        Assert.Empty(Harness.Server.Discord.Webhook(Site).Messages);
        Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "another instance took over"));

        fetcher.OnFetch = null;
        OtherLeaves();
        var back = await monitor.RunCycleAsync();

        Assert.Equal(1, Assert.Single(back.Sites, site => site.SiteKey == Site).NewListings);
        Assert.Single(Harness.Server.Discord.Webhook(Site).Messages);
    }

    private static FakeListing Watch => new()
    {
        Id = 0,
        Brand = "Omega",
        Model = "Speedmaster Professional",
        Reference = "310.30.42.50.01.001",
        Year = 2021,
        Price = 6_900m,
    };

    private static string Ticks(TimeSpan fromNow) => (TimeProvider.System.GetUtcNow() + fromNow).UtcTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>Another live instance holds the site for the next hour.</summary>
    private void TakeOver(string site) => Harness.ExecuteSql($"""
        INSERT INTO instance (name, started_at, heartbeat_at) VALUES ('test-beta', {Ticks(TimeSpan.Zero)}, {Ticks(TimeSpan.FromHours(1))})
            ON CONFLICT (name) DO UPDATE SET heartbeat_at = excluded.heartbeat_at;
        UPDATE site_lease SET holder = 'test-beta', acquired_at = {Ticks(TimeSpan.Zero)}, expires_at = {Ticks(TimeSpan.FromHours(1))} WHERE site = '{site}';
        """);

    /// <summary>The other instance stops: its row goes and its leases end.</summary>
    private void OtherLeaves() => Harness.ExecuteSql($"""
        DELETE FROM instance WHERE name = 'test-beta';
        UPDATE site_lease SET expires_at = {Ticks(TimeSpan.FromSeconds(-1))} WHERE holder = 'test-beta';
        """);

    private sealed class StealingFetcher(IPageFetcher inner) : IPageFetcher
    {
        public Action<string>? OnFetch { get; set; }

        public async Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
        {
            var page = await inner.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
            OnFetch?.Invoke(url);
            return page;
        }
    }
}
