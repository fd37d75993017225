using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Notifications;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>One dealer down or hanging never costs the others their alerts, and the session history says what failed.</summary>
public sealed class SiteFailureTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private static readonly string[] HealthySites = ["tropicalwatch", "juwelier_exchange", "watch_out", "rueschenbeck"];

    // The hanging site waits on this clock, and so does the monitor's request timeout.
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    protected override FakeSitesOptions ServerOptions => new() { TimeProvider = _time };

    [Fact]
    public async Task RunOnce_OneSiteAnswers500AndOneTimesOut_OthersStillAlertAndTheSessionRecordsBoth()
    {
        var server = Harness.Server;
        // The baseline runs at the default timeout: a cold process can take over a second for its first pages.
        await using (var cold = Harness.StartMonitor())
        {
            await cold.RunCycleAsync();
        }

        // One site at a time: while World of Time hangs, no healthy page is in flight for the advance to time out.
        await using var monitor = Harness.StartMonitor([new("REQUEST_TIMEOUT", "60"), new("MAX_CONCURRENT_SCRAPERS", "1")], MonitorHarness.UseClock(_time));
        var added = server.Sites.ToDictionary(site => site.Key, site => site.Add(), StringComparer.Ordinal);
        server.Faults.Add(FaultRoute.Listing, Fault.Status(500), "grimmeissen");
        server.Faults.Add(FaultRoute.Listing, Fault.Delayed(TimeSpan.FromMinutes(10)), "worldoftime");

        var cycle = monitor.RunCycleAsync();
        await server.Faults.WaitForHoldsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(60));
        var report = await cycle;

        Assert.Equal(2, report.Errors);
        Assert.Equal(["grimmeissen", "worldoftime"], report.Sites.Where(site => site.Failed).Select(site => site.SiteKey).Order());
        foreach (var key in HealthySites)
        {
            var embed = Assert.Single(server.Discord.Webhook(key).Embeds);
            Assert.Equal(server.ExpectListing(key, added[key])!.Url, embed.Url);
        }

        Assert.Equal(0, server.Discord.Webhook("grimmeissen").Stats.Posts);
        Assert.Equal(0, server.Discord.Webhook("worldoftime").Stats.Posts);
        Assert.Contains("answered 500", Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "grimmeissen: scan failed")).Message, StringComparison.Ordinal);
        Assert.Contains("timed out", Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "worldoftime: scan failed")).Message, StringComparison.Ordinal);

        var session = Harness.LastSession();
        Assert.Equal(6, session.GetProperty("sites_scraped").GetInt32());
        Assert.Equal(2, session.GetProperty("errors_encountered").GetInt32());
        Assert.Equal(4, session.GetProperty("total_new_watches").GetInt32());
        // Delivery runs beside the cycle: what it sent is counted by the delivery counters, the session takes what
        // went out before it was recorded.
        var delivered = monitor.Services.GetRequiredService<DeliveryCounters>();
        Assert.Equal(4, delivered.TotalSent);
        Assert.InRange(session.GetProperty("notifications_sent").GetInt32(), 0, 4);
        var stats = session.GetProperty("site_stats");
        Assert.Equal(1, stats.GetProperty("grimmeissen").GetProperty("errors").GetInt32());
        Assert.Equal(1, stats.GetProperty("worldoftime").GetProperty("errors").GetInt32());
        foreach (var key in HealthySites)
        {
            Assert.Equal(0, stats.GetProperty(key).GetProperty("errors").GetInt32());
            Assert.Equal(1, delivered.ForSite(key).Sent);
        }

        // The sites come back: what they listed meanwhile is announced then, not lost.
        server.Faults.Clear();
        var recovered = await monitor.RunCycleAsync();

        Assert.True(recovered.AllSucceeded);
        Assert.Equal(server.ExpectListing("grimmeissen", added["grimmeissen"])!.Url, Assert.Single(server.Discord.Webhook("grimmeissen").Embeds).Url);
        Assert.Equal(server.ExpectListing("worldoftime", added["worldoftime"])!.Url, Assert.Single(server.Discord.Webhook("worldoftime").Embeds).Url);
        Assert.Equal(6, server.Discord.TotalAccepted);
        Assert.Equal(0, Harness.LastSession().GetProperty("errors_encountered").GetInt32());
    }
}
