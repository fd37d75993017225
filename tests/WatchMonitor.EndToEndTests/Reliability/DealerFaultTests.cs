using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Demo.Listings;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Monitoring;
using WatchMonitor.Monitoring.Health;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// What a dealer's server can do to the monitor (issue 6.1). For every fault: the cycle completes and the next one
/// works, the site is reported (a warning that says what to do, the status board and health), the other five still
/// alert exactly once, the monitor reads no more than the size cap, and after the fault the site's new watch alerts
/// exactly once.
/// </summary>
public sealed class DealerFaultTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    // Delays and drips of the fake dealers wait on this clock; it starts at the real date so that the exchange rate
    // and the Discord answers look current to a monitor on the real clock.
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    private const string Failing = "worldoftime";
    private const int CapMb = 10;

    // On the fake clock no page ever waits for it; only the test's advance makes a hanging site time out.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, (Fault Fault, string Reason)> ListingFaults = new(StringComparer.Ordinal)
    {
        ["500"] = (Fault.Status(500), "answered 500"),
        ["503"] = (Fault.Status(503), "answered 503"),
        ["403 bot check"] = (Fault.BotCheck(), "answered 403"),
        ["timeout"] = (Fault.Delayed(TimeSpan.FromSeconds(30)), "timed out"),
        ["1 byte per second"] = (Fault.SlowDrip(TimeSpan.FromSeconds(1), chunkBytes: 1), "timed out"),
        ["50 MB body"] = (Fault.Oversized(50L * 1024 * 1024), "larger than"),
        ["50 MB body, declared"] = (Fault.Oversized(50L * 1024 * 1024, declareLength: true), "announced"),
        ["gzip bomb"] = (Fault.GzipBomb(50L * 1024 * 1024), "larger than"),
        ["redirect loop"] = (Fault.RedirectLoop(), "redirect"),
        ["connection reset mid-body"] = (Fault.ConnectionReset(), "connection broke"),
        // 200 pages the parser finds nothing in: failures at once, layout-change suspects after three cycles.
        ["HTML of another site"] = (Fault.ForeignPage("grimmeissen"), "held no listings"),
        ["bot-check page with 200"] = (Fault.BotCheck() with { StatusCode = 200 }, "held no listings"),
        ["truncated before the first listing"] = (Fault.Truncated(0.02), "held no listings"),
        ["empty page"] = (Fault.Status(200, body: ""), "held no listings"),
        ["binary under a wrong content type"] = (Fault.Status(200, body: "GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000"), "held no listings"),
    };

    // Faults the page survives: what it still holds is read, and nothing is missed or doubled.
    private static readonly Dictionary<string, Fault> ReadableFaults = new(StringComparer.Ordinal)
    {
        ["truncated after the new listing"] = Fault.Truncated(0.5),
        ["HTML under application/octet-stream"] = Fault.WrongContentType(),
        ["HTML under application/json"] = Fault.WrongContentType("application/json"),
    };

    // Watch Out's products.json failing: the HTML collection page is the documented fallback (docs/dealers.md#watch_out).
    private static readonly Dictionary<string, Fault> ProductsJsonFaults = new(StringComparer.Ordinal)
    {
        ["500"] = Fault.Status(500),
        ["invalid JSON"] = Fault.InvalidJson(),
        ["truncated JSON"] = Fault.Truncated(0.5),
        ["huge (50 MB)"] = Fault.Oversized(50L * 1024 * 1024),
        ["gzip bomb"] = Fault.GzipBomb(50L * 1024 * 1024),
        ["HTML login wall"] = Fault.Status(200, body: "<!DOCTYPE html><html><body><form action=\"/account/login\"></form></body></html>"),
        ["connection reset"] = Fault.ConnectionReset(),
    };

    protected override FakeSitesOptions ServerOptions => new() { TimeProvider = _time };

    public static TheoryData<string> ReadableFaultNames => [.. ReadableFaults.Keys];

    public static TheoryData<string> ProductsJsonFaultNames => [.. ProductsJsonFaults.Keys];

    public static TheoryData<string> ListingFaultNames => [.. ListingFaults.Keys];

    [Theory]
    [MemberData(nameof(ListingFaultNames))]
    public async Task RunCycle_ListingPageFault_SiteReportedOthersAlertOnceNothingLost(string name)
    {
        var (fault, reason) = ListingFaults[name];
        var server = Harness.Server;
        var handlers = new DealerHandlers();
        await BaselineAsync();
        // The monitor shares the dealers' clock, and scans one site at a time: while the failing site's request is
        // held, no other request is in flight whose timeout the advance below could fire.
        await using var monitor = Harness.StartMonitor(
            [
                new("REQUEST_TIMEOUT", RequestTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("MAX_RESPONSE_SIZE_MB", CapMb.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("MAX_CONCURRENT_SCRAPERS", "1"),
            ],
            services => { handlers.Install()(services); MonitorHarness.UseClock(_time)(services); });
        var added = AddOneEach(server);
        server.Faults.Add(FaultRoute.Listing, fault, Failing);

        var cycle = monitor.RunCycleAsync();
        if (fault.Kind is FaultKind.Delay or FaultKind.SlowDrip)
        {
            // A hang or a drip never ends by itself on this clock: the cycle completes only because the attempt's
            // timeout cuts it once the clock reaches REQUEST_TIMEOUT.
            await server.Faults.WaitForHoldsAsync(1);
            _time.Advance(RequestTimeout);
        }

        var report = await cycle;

        Assert.Equal([Failing], report.Sites.Where(site => site.Failed).Select(site => site.SiteKey));
        AssertOthersAlertedOnce(server, added);
        Assert.Equal(0, server.Discord.Webhook(Failing).Stats.Posts);
        var warning = Assert.Single(Harness.Logs.Matching(LogLevel.Warning, Failing + ": scan failed"));
        AssertMentions(reason, warning.Message);
        Assert.Contains("retried next cycle", warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
        AssertReportedFailed(monitor, reason);
        // Bounded: never more than the cap read, whatever the server sends or the gzip inflates to.
        Assert.True(handlers.BytesRead(Failing) <= (CapMb * 1024L * 1024L) + (64 * 1024), $"{handlers.BytesRead(Failing)} bytes read from {Failing}.");

        server.Faults.Clear();
        var recovered = await monitor.RunCycleAsync();

        Assert.True(recovered.AllSucceeded);
        Assert.Equal(server.ExpectListing(Failing, added[Failing])!.Url, Assert.Single(server.Discord.Webhook(Failing).Embeds).Url);
        Assert.Equal(0, monitor.Services.GetRequiredService<SiteStatusBoard>().Get(Failing).ConsecutiveFailures);
        await monitor.RunCycleAsync();
        Assert.Equal(6, server.Discord.TotalAccepted);
    }

    [Theory]
    [MemberData(nameof(ReadableFaultNames))]
    public async Task RunCycle_PageStillReadable_EverySiteAlertsOnce(string name)
    {
        var server = Harness.Server;
        await BaselineAsync();
        await using var monitor = Harness.StartMonitor();
        var added = AddOneEach(server);
        server.Faults.Add(FaultRoute.Listing, ReadableFaults[name], Failing);

        Assert.True((await monitor.RunCycleAsync()).AllSucceeded);
        server.Faults.Clear();
        Assert.True((await monitor.RunCycleAsync()).AllSucceeded);

        foreach (var site in server.Sites)
        {
            Assert.Equal(server.ExpectListing(site.Key, added[site.Key])!.Url, Assert.Single(server.Discord.Webhook(site.Key).Embeds).Url);
        }

        Assert.Equal(6, server.Discord.TotalAccepted);
    }

    [Theory]
    [MemberData(nameof(ProductsJsonFaultNames))]
    public async Task RunCycle_ProductsJsonFault_WatchOutFallsBackToHtmlWithoutLossOrDuplicates(string name)
    {
        var server = Harness.Server;
        var handlers = new DealerHandlers();
        await BaselineAsync();
        await using var monitor = Harness.StartMonitor([new("MAX_RESPONSE_SIZE_MB", CapMb.ToString(System.Globalization.CultureInfo.InvariantCulture))], handlers.Install());
        var added = AddOneEach(server);
        server.Faults.Add(FaultRoute.ProductsJson, ProductsJsonFaults[name], "watch_out");

        Assert.True((await monitor.RunCycleAsync()).AllSucceeded);
        Assert.True(handlers.BytesRead("watch_out") <= (CapMb * 1024L * 1024L) + (1024 * 1024), $"{handlers.BytesRead("watch_out")} bytes read from watch_out.");
        server.Faults.Clear();
        // Back on products.json, the ids the HTML fallback recorded still match: no watch is announced again.
        Assert.True((await monitor.RunCycleAsync()).AllSucceeded);

        foreach (var site in server.Sites)
        {
            Assert.Equal(server.ExpectListing(site.Key, added[site.Key])!.Url, Assert.Single(server.Discord.Webhook(site.Key).Embeds).Url);
        }

        Assert.Equal(6, server.Discord.TotalAccepted);
    }

    [Fact]
    public async Task RunCycle_ForeignPageThreeCycles_FlaggedAsLayoutChangeOnceAndClearedOnRecovery()
    {
        var server = Harness.Server;
        await BaselineAsync();
        await using var monitor = Harness.StartMonitor();
        server.Faults.Add(FaultRoute.Listing, Fault.ForeignPage("grimmeissen"), Failing);
        var board = monitor.Services.GetRequiredService<SiteStatusBoard>();

        for (var cycle = 1; cycle <= 4; cycle++)
        {
            var report = await monitor.RunCycleAsync();
            Assert.Equal([Failing], report.Sites.Where(site => site.Failed).Select(site => site.SiteKey));
            Assert.Equal(cycle, board.Get(Failing).ConsecutiveFailures);
            Assert.Equal(cycle >= 3, board.Get(Failing).SuspectedLayoutChange);
        }

        Assert.Equal("⚠️ World of Time: the page may have changed", Assert.Single(server.Discord.Webhook(Failing).Embeds).Title);
        Harness.Logs.ExpectErrors("probably changed its layout");
        var added = server.Site(Failing).Add();
        server.Faults.Clear();
        Assert.True((await monitor.RunCycleAsync()).AllSucceeded);

        Assert.False(board.Get(Failing).SuspectedLayoutChange);
        var embeds = server.Discord.Webhook(Failing).Embeds;
        Assert.Equal(3, embeds.Count);
        Assert.Contains(embeds, embed => embed.Url == server.ExpectListing(Failing, added)!.Url);
        Assert.Contains(embeds, embed => embed.Title == "✅ World of Time: listings are back");
    }

    [Fact]
    public async Task RunCycle_HostNameDoesNotResolve_SiteReportedWithTheDnsHintAndRecovers()
    {
        var server = Harness.Server;
        var handlers = new DealerHandlers();
        var urls = server.UrlsFor(Failing);
        string Simulated(string url) => url.Replace("127.0.0.1", DealerHandlers.SimulatedHost, StringComparison.Ordinal);
        KeyValuePair<string, string?>[] settings =
        [
            new($"Sites:{Failing}:ListingUrl", Simulated(urls.ListingUrl)),
            new($"Sites:{Failing}:BaseUrl", Simulated(urls.BaseUrl)),
        ];
        await using (var cold = Harness.StartMonitor(settings, handlers.Install()))
        {
            await cold.RunCycleAsync();
        }

        await using var monitor = Harness.StartMonitor(settings, handlers.Install());
        var added = AddOneEach(server);
        handlers.ResolutionFails = true;

        var report = await monitor.RunCycleAsync();

        Assert.Equal([Failing], report.Sites.Where(site => site.Failed).Select(site => site.SiteKey));
        AssertOthersAlertedOnce(server, added);
        var warning = Assert.Single(Harness.Logs.Matching(LogLevel.Warning, Failing + ": scan failed"));
        Assert.Contains(DealerHandlers.SimulatedHost, warning.Message, StringComparison.Ordinal);
        Assert.Contains("DNS", warning.Message, StringComparison.Ordinal);
        AssertReportedFailed(monitor, DealerHandlers.SimulatedHost);

        handlers.ResolutionFails = false;
        Assert.True((await monitor.RunCycleAsync()).AllSucceeded);
        // World of Time's links are relative, so the watch is announced under the host name the site is configured with.
        Assert.Equal(Simulated(server.ExpectListing(Failing, added[Failing])!.Url), Assert.Single(server.Discord.Webhook(Failing).Embeds).Url);
        Assert.Equal(6, server.Discord.TotalAccepted);
    }

    private async Task BaselineAsync()
    {
        // The baseline runs at the default timeout: a cold process can take over a second for its first pages.
        await using var cold = Harness.StartMonitor();
        Assert.True((await cold.RunCycleAsync()).AllSucceeded);
    }

    private static Dictionary<string, FakeListing> AddOneEach(FakeSitesServer server) =>
        server.Sites.ToDictionary(site => site.Key, site => site.Add(), StringComparer.Ordinal);

    private static void AssertOthersAlertedOnce(FakeSitesServer server, Dictionary<string, FakeListing> added)
    {
        foreach (var site in server.Sites.Where(site => site.Key != Failing))
        {
            var embed = Assert.Single(server.Discord.Webhook(site.Key).Embeds);
            Assert.Equal(server.ExpectListing(site.Key, added[site.Key])!.Url, embed.Url);
        }
    }

    /// <summary><paramref name="reasons"/>: one fragment, or alternatives separated by '|'.</summary>
    private static void AssertMentions(string reasons, string? text) =>
        Assert.True(
            reasons.Split('|').Any(reason => text?.Contains(reason, StringComparison.OrdinalIgnoreCase) == true),
            $"Expected '{reasons}' in: {text}");

    private static void AssertReportedFailed(MonitorInstance monitor, string reason)
    {
        var status = monitor.Services.GetRequiredService<SiteStatusBoard>().Get(Failing);
        Assert.Equal(1, status.ConsecutiveFailures);
        AssertMentions(reason, status.LastError);
        var health = monitor.Services.GetRequiredService<MonitorHealth>().Current();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains(health.Reasons, text => text.Contains(Failing, StringComparison.Ordinal));
        Assert.Equal(1, health.Sites[Failing].ConsecutiveFailures);
    }
}
