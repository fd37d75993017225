using Microsoft.Extensions.Logging;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Core.Tests.Diagnostics;

[Collection(ProcessMemoryTests.Name)]
public sealed class MemoryPressurePolicyTests
{
    [Theory]
    [InlineData(100, MemoryPressureLevel.Normal)]
    [InlineData(400, MemoryPressureLevel.Normal)]
    [InlineData(400.1, MemoryPressureLevel.Warning)]
    [InlineData(500, MemoryPressureLevel.Warning)]
    [InlineData(500.1, MemoryPressureLevel.Critical)]
    public void Classify_DefaultThresholds_ComparesStrictlyAbove(double residentMb, MemoryPressureLevel expected)
    {
        Assert.Equal(expected, new MemoryHarness().CreatePolicy().Classify(residentMb));
    }

    [Fact]
    public async Task EvaluateAsync_BelowWarning_DoesNothing()
    {
        var step = new FakeCleanupStep("history");
        var harness = new MemoryHarness(350, null, step);

        var outcome = await harness.CreatePolicy().EvaluateAsync(350, CancellationToken.None);

        Assert.Equal(MemoryPressureLevel.Normal, outcome.Level);
        Assert.Equal(MemoryPressureDecision.Continue, outcome.Decision);
        Assert.Empty(outcome.Collections);
        Assert.Null(outcome.Cleanup);
        Assert.Empty(step.Runs);
        Assert.Empty(harness.PolicyLogger.Entries);
    }

    [Fact]
    public async Task EvaluateAsync_AboveWarning_WarnsCollectsRunsEmergencyCleanupAndContinues()
    {
        MemoryHarness harness = null!;
        var gen2AtCleanup = -1;
        var gen2Before = GC.CollectionCount(2);
        var history = new FakeCleanupStep("history", _ =>
        {
            gen2AtCleanup = GC.CollectionCount(2);
            harness.Reader.ResidentMb = 380;
        });
        var caches = new FakeCleanupStep("caches");
        harness = new MemoryHarness(450, null, history, caches);

        var outcome = await harness.CreatePolicy().EvaluateAsync(450, CancellationToken.None);

        Assert.Equal(MemoryPressureLevel.Warning, outcome.Level);
        Assert.Equal(MemoryPressureDecision.Continue, outcome.Decision);
        Assert.False(outcome.RestartRequested);
        Assert.Equal([CleanupLevel.Emergency], history.Runs);
        Assert.Equal([CleanupLevel.Emergency], caches.Runs);
        Assert.True(gen2AtCleanup > gen2Before, "the immediate collection runs before the emergency cleanup");
        Assert.Equal(2, outcome.Collections.Count);
        Assert.All(outcome.Collections, collection => Assert.False(collection.Aggressive));
        Assert.Equal(450, outcome.ResidentMbBefore, precision: 6);
        Assert.Equal(380, outcome.ResidentMbAfter, precision: 6);
        var warning = Assert.Single(harness.PolicyLogger.AtLevel(LogLevel.Warning));
        Assert.Contains("450 MB is above MEMORY_WARNING_THRESHOLD_MB=400", warning.Message, StringComparison.Ordinal);
        Assert.Contains(warning.State, pair => pair.Key == "GcHeapMb");
        Assert.Contains(warning.State, pair => pair.Key == "CommittedMb");
        Assert.Empty(harness.PolicyLogger.AtLevel(LogLevel.Critical));
    }

    [Fact]
    public async Task EvaluateAsync_AboveCriticalAndTrimmingFreesEnough_ContinuesWithoutRestart()
    {
        MemoryHarness harness = null!;
        var seen = new FakeCleanupStep("seen", level => harness.Reader.ResidentMb = 420);
        harness = new MemoryHarness(560, null, seen);

        var outcome = await harness.CreatePolicy().EvaluateAsync(560, CancellationToken.None);

        Assert.Equal(MemoryPressureLevel.Critical, outcome.Level);
        Assert.Equal(MemoryPressureDecision.Continue, outcome.Decision);
        Assert.Equal([CleanupLevel.Minimum], seen.Runs);
        Assert.Equal(2, outcome.Collections.Count);
        Assert.All(outcome.Collections, collection => Assert.True(collection.Aggressive));
        Assert.Equal(420, outcome.ResidentMbAfter, precision: 6);
        var critical = Assert.Single(harness.PolicyLogger.AtLevel(LogLevel.Critical));
        Assert.Contains("560 MB is above MEMORY_CRITICAL_THRESHOLD_MB=500", critical.Message, StringComparison.Ordinal);
        Assert.Contains(harness.PolicyLogger.AtLevel(LogLevel.Warning), entry => entry.Message.Contains("without a restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_StillAboveCriticalAfterTrimming_RequestsRestart()
    {
        MemoryHarness harness = null!;
        var seen = new FakeCleanupStep("seen", level => harness.Reader.ResidentMb = 530);
        harness = new MemoryHarness(600, null, seen);

        var outcome = await harness.CreatePolicy().EvaluateAsync(600, CancellationToken.None);

        Assert.Equal(MemoryPressureDecision.RestartRequested, outcome.Decision);
        Assert.True(outcome.RestartRequested);
        Assert.Equal([CleanupLevel.Minimum], seen.Runs);
        Assert.Equal(530, outcome.ResidentMbAfter, precision: 6);
        var critical = harness.PolicyLogger.AtLevel(LogLevel.Critical);
        Assert.Equal(2, critical.Count);
        Assert.Contains("requesting a graceful restart", critical[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_StepFails_OtherStepsStillRunAndFailureIsReported()
    {
        var broken = new FakeCleanupStep("history") { FailuresLeft = 1 };
        var caches = new FakeCleanupStep("caches");
        var harness = new MemoryHarness(450, null, broken, caches);

        var outcome = await harness.CreatePolicy().EvaluateAsync(450, CancellationToken.None);

        Assert.Equal(MemoryPressureDecision.Continue, outcome.Decision);
        Assert.Equal([CleanupLevel.Emergency], caches.Runs);
        var failure = Assert.Single(outcome.Cleanup!.Failed);
        Assert.Equal("history", failure.Step);
        Assert.Equal(["caches"], outcome.Cleanup.Succeeded);
        Assert.Single(harness.RunnerLogger.AtLevel(LogLevel.Error));
    }
}
