using Microsoft.Extensions.Logging;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Faults;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// A watch detected but not yet delivered when the process stops is delivered by the next process, exactly once.
/// </summary>
public sealed class RestartDeliveryTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    // The failed post was deferred by the delivery loop's backoff (about 2 s); the next process starts after it.
    private static readonly TimeSpan Later = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Restart_AfterDeliveryFailed_DeliversTheQueuedListingOnce()
    {
        var server = Harness.Server;
        var first = Harness.StartMonitor();
        await first.RunCycleAsync();
        var listing = server.Site("grimmeissen").Add();
        var url = server.ExpectListing("grimmeissen", listing)!.Url;
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(503), "grimmeissen");

        var detected = await first.RunCycleAsync();
        await first.DisposeAsync();

        Assert.Equal(1, detected.NewListings);
        Assert.Equal(0, server.Discord.TotalAccepted);
        var pending = Assert.Single(Harness.OutboxEntries());
        Assert.Equal("grimmeissen", pending.SiteKey);
        Assert.Equal(1, pending.Attempts);
        Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "grimmeissen: Discord delivery failed (status 503"));

        server.Faults.Clear();
        await using var second = Harness.StartMonitor(services: MonitorHarness.UseClock(new ShiftedTimeProvider(Later)));
        await second.RunCycleAsync();
        await second.RunCycleAsync();

        var embed = Assert.Single(server.Discord.Webhook("grimmeissen").Embeds);
        Assert.Equal(url, embed.Url);
        Assert.Equal(1, server.Discord.TotalAccepted);
        Assert.Empty(Harness.OutboxEntries());
        Assert.Single(Harness.Logs.Matching(LogLevel.Information, "1 notification(s) from the last run are still queued"));
    }
}
