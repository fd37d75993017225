using Microsoft.Extensions.Logging;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Core.Tests.Maintenance;

[Collection(ProcessMemoryTests.Name)]
public sealed class PeriodicCleanupTests
{
    [Fact]
    public async Task RunIfDueAsync_TwentyCycles_RunsOnCyclesTenAndTwentyOnly()
    {
        var step = new FakeCleanupStep("history");
        var harness = new MemoryHarness(120, null, step);
        var cleanup = harness.CreatePeriodicCleanup();
        var ran = new List<long>();

        for (var cycle = 1; cycle <= 20; cycle++)
        {
            if (await cleanup.RunIfDueAsync(cycle, CancellationToken.None) is { } result)
            {
                ran.Add(result.Cycle);
            }
        }

        Assert.Equal([10L, 20L], ran);
        Assert.Equal([CleanupLevel.Periodic, CleanupLevel.Periodic], step.Runs);
    }

    [Fact]
    public async Task RunIfDueAsync_FailingStep_OthersRunAndItRunsAgainNextTime()
    {
        var broken = new FakeCleanupStep("seen") { FailuresLeft = 1 };
        var other = new FakeCleanupStep("history");
        var harness = new MemoryHarness(120, null, broken, other);
        var cleanup = harness.CreatePeriodicCleanup();
        var results = new List<PeriodicCleanupResult>();

        for (var cycle = 1; cycle <= 20; cycle++)
        {
            if (await cleanup.RunIfDueAsync(cycle, CancellationToken.None) is { } result)
            {
                results.Add(result);
            }
        }

        Assert.Equal(2, results.Count);
        Assert.Equal("seen", Assert.Single(results[0].Cleanup.Failed).Step);
        Assert.Equal(["history"], results[0].Cleanup.Succeeded);
        Assert.True(results[0].Collection.Gen2Collections >= 1, "the collection still runs after a failed step");
        Assert.True(results[1].Cleanup.AllSucceeded);
        Assert.Equal(2, broken.Runs.Count);
        Assert.Equal(1, broken.Successes);
        Assert.Equal(2, other.Successes);
        Assert.Single(harness.RunnerLogger.AtLevel(LogLevel.Error));
    }

    [Fact]
    public async Task RunIfDueAsync_Due_LogsOneLineWithWhatTheStepsAndTheCollectionFreed()
    {
        MemoryHarness harness = null!;
        var step = new FakeCleanupStep("history", _ => harness.Reader.ResidentMb = 150) { FreesBytes = 2 * 1024 * 1024 };
        harness = new MemoryHarness(180, null, step);

        var result = await harness.CreatePeriodicCleanup().RunIfDueAsync(10, CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.Collection.Gen2Collections >= 1);
        // The cycle's own memory line is the only one: the cleanup adds no second reading.
        Assert.Empty(harness.MonitorLogger.AtLevel(LogLevel.Information));
        var done = Assert.Single(harness.PeriodicLogger.Entries);
        Assert.Equal(LogLevel.Information, done.Level);
        Assert.StartsWith("Periodic cleanup after cycle 10: 1/1 steps succeeded and freed 2.0 MB; forced collection made", done.Message, StringComparison.Ordinal);
        Assert.Contains("resident 180.0 -> 150.0 MB", done.Message, StringComparison.Ordinal);
        Assert.Contains(done.State, pair => pair.Key == "Gen2" && (int)pair.Value! >= 1);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(6, true)]
    public void IsDue_EveryThirdCycle_OnlyMultiples(long cycle, bool expected)
    {
        var harness = new MemoryHarness(options: new MemoryOptions { ForceGcEveryNCycles = 3 });

        Assert.Equal(expected, harness.CreatePeriodicCleanup().IsDue(cycle));
    }

    [Fact]
    public async Task RunIfDueAsync_NotDue_DoesNothing()
    {
        var step = new FakeCleanupStep("history");
        var harness = new MemoryHarness(120, null, step);

        Assert.Null(await harness.CreatePeriodicCleanup().RunIfDueAsync(9, CancellationToken.None));

        Assert.Empty(step.Runs);
        Assert.Empty(harness.MonitorLogger.Entries);
    }
}
