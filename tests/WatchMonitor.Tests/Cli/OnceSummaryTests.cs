using WatchMonitor.Cli;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.Tests.Cli;

public sealed class OnceSummaryTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WriteDeliverySummary_EverythingDelivered_SaysSo()
    {
        using var output = new StringWriter();

        RunCommands.WriteDeliverySummary(output, [Reading("grimmeissen", DestinationState.Idle, 0)], settled: true);

        Assert.Equal("delivery: every queued message was delivered\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WriteDeliverySummary_StoppedBackingOffAndStillPosting_PinnedText()
    {
        using var output = new StringWriter();

        RunCommands.WriteDeliverySummary(
            output,
            [
                Reading("grimmeissen", DestinationState.Idle, 0),
                Reading("rueschenbeck", DestinationState.Stopped, 3, "Discord answered 404: webhook deleted or token wrong; set a valid RUESCHENBECK_WEBHOOK_URL and restart"),
                Reading("tropicalwatch", DestinationState.Waiting, 2, "delivery failed (503): Service Unavailable", At.AddSeconds(4)),
                Reading("watch_out", DestinationState.Delivering, 1),
            ],
            settled: false);

        Assert.Equal(
            """
            delivery: 6 message(s) left queued, delivered by the next run:
              rueschenbeck           3  webhook stopped: Discord answered 404: webhook deleted or token wrong; set a valid RUESCHENBECK_WEBHOOK_URL and restart
              tropicalwatch          2  next attempt 2026-03-01 12:00:04 UTC: delivery failed (503): Service Unavailable
              watch_out              1  still delivering when the 2 min wait ended

            """.ReplaceLineEndings("\n"),
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WriteSummary_WithLeases_NamesTheInstanceAndTheSitesItHeld()
    {
        using var output = new StringWriter();
        var report = new WatchMonitor.Monitoring.CycleReport(At, At.AddSeconds(2), [new("grimmeissen", 12, 1, 1, Failed: false, Baseline: false)])
        {
            Instance = "host-a-4242",
            HeldSites = ["grimmeissen", "worldoftime"],
        };

        RunCommands.WriteSummary(output, report);

        Assert.EndsWith("1 sites, 1 new, 0 failed, 2.0 s\ninstance host-a-4242, held 2 site(s): grimmeissen, worldoftime\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static DestinationReading Reading(string key, DestinationState state, int pending, string? error = null, DateTimeOffset? next = null) =>
        new(key, state, pending, 0, next ?? (pending > 0 ? At : null), error, null, null);
}
