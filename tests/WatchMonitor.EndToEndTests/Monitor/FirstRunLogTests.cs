using Microsoft.Extensions.Logging;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>What a first run tells a new user: the silent baseline explained once per site, and what was alerted.</summary>
public sealed class FirstRunLogTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    [Fact]
    public async Task RunCycles_FreshState_ExplainsTheBaselineOncePerSiteInPlainWords()
    {
        await using var monitor = Harness.StartMonitor([new("ENABLE_NOTIFICATIONS", "false")]);

        await monitor.RunCycleAsync();
        foreach (var site in Harness.Server.Sites)
        {
            site.Add();
        }

        await monitor.RunCycleAsync();
        await monitor.RunCycleAsync();

        var baselines = Harness.Logs.Matching(LogLevel.Information, "without alerting (baseline)");
        Assert.Equal(
            Harness.Server.Sites.Select(site => site.Key).Order(StringComparer.Ordinal),
            baselines.Select(entry => entry.Message[..entry.Message.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        Assert.All(baselines, entry => Assert.Matches(
            @"^\w+: first scan of this site, so its 12 current listings are recorded as known without alerting \(baseline\); from the next cycle on, every new listing is alerted\. Start with --notify-existing to alert the current ones too\.$",
            entry.Message));
        Assert.Equal(6, Harness.Logs.Matching(LogLevel.Information, "(logged, not posted").Count);
    }
}
