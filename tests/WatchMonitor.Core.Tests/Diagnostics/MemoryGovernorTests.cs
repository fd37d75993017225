using Microsoft.Extensions.Logging;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.Maintenance;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Core.Tests.Diagnostics;

[Collection(ProcessMemoryTests.Name)]
public sealed class MemoryGovernorTests : IDisposable
{
    private readonly TemporaryDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task AfterCycleAsync_TwentyQuietCycles_CleansUpOnTenAndTwentyAndProfilesEveryCycle()
    {
        var step = new FakeCleanupStep("history");
        var harness = new MemoryHarness(150, new MemoryOptions { Profiling = true, ReportsDirectory = _reports.Path, ReportEveryNCycles = 0 }, step);
        using var profiler = new MemoryProfiler(harness.Monitor, harness.Options, harness.Time, new RecordingLogger<MemoryProfiler>());
        var governor = Create(harness, profiler);
        var outcomes = new List<MemoryCycleOutcome>();

        for (var cycle = 1; cycle <= 20; cycle++)
        {
            outcomes.Add(await governor.AfterCycleAsync(cycle, CancellationToken.None));
        }

        Assert.Equal([10L, 20L], outcomes.Where(outcome => outcome.PeriodicCleanup is not null).Select(outcome => outcome.Cycle));
        Assert.Equal([CleanupLevel.Periodic, CleanupLevel.Periodic], step.Runs);
        Assert.All(outcomes, outcome => Assert.Equal(MemoryPressureLevel.Normal, outcome.Level));
        Assert.DoesNotContain(outcomes, outcome => outcome.RestartRequested || outcome.Degraded);
        Assert.Equal(21, (await File.ReadAllLinesAsync(profiler.CsvPath!)).Length);
        Assert.Equal(20, harness.MonitorLogger.Entries.Count(entry => entry.Message.StartsWith("Memory after cycle", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AfterCycleAsync_CycleWithoutPeriodicCleanup_CollectsBeforeIdling()
    {
        var harness = new MemoryHarness(150, null, new FakeCleanupStep("history"));
        var governor = Create(harness);
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);

        var outcome = await governor.AfterCycleAsync(1, CancellationToken.None);

        Assert.Null(outcome.PeriodicCleanup);
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullCollections);
    }

    [Fact]
    public async Task AfterCycleAsync_MemoryAboveWarning_DegradesRunsEmergencyCleanupAndRecoversAfterThreeCycles()
    {
        var step = new FakeCleanupStep("caches");
        var harness = new MemoryHarness(430, null, step);
        var governor = Create(harness);
        var normal = new CycleSettings(2, true, false);

        var high = await governor.AfterCycleAsync(1, CancellationToken.None);

        Assert.True(high.Degraded);
        Assert.Equal(MemoryPressureLevel.Warning, high.Level);
        Assert.Equal([CleanupLevel.Emergency], step.Runs);
        Assert.Equal(new CycleSettings(1, false, false), governor.Apply(normal));

        harness.Reader.ResidentMb = 300;
        Assert.True((await governor.AfterCycleAsync(2, CancellationToken.None)).Degraded);
        Assert.True((await governor.AfterCycleAsync(3, CancellationToken.None)).Degraded);
        Assert.False((await governor.AfterCycleAsync(4, CancellationToken.None)).Degraded);
        Assert.Same(normal, governor.Apply(normal));
        Assert.Single(step.Runs);
    }

    [Fact]
    public async Task AfterCycleAsync_CriticalAndTrimmingDoesNotHelp_RequestsRestart()
    {
        var harness = new MemoryHarness(650, null, new FakeCleanupStep("seen"));
        var governor = Create(harness);

        var outcome = await governor.AfterCycleAsync(3, CancellationToken.None);

        Assert.True(outcome.RestartRequested);
        Assert.Equal(MemoryPressureLevel.Critical, outcome.Level);
        Assert.Equal(650, outcome.ResidentMb, precision: 6);
        Assert.Equal(2, harness.PolicyLogger.AtLevel(LogLevel.Critical).Count);
    }

    private static MemoryGovernor Create(MemoryHarness harness, MemoryProfiler? profiler = null) => new(
        harness.Monitor,
        profiler ?? new MemoryProfiler(harness.Monitor, harness.Options, harness.Time, new RecordingLogger<MemoryProfiler>()),
        harness.CreateDegradation(),
        harness.CreatePeriodicCleanup(),
        harness.CreatePolicy(),
        harness.Options);
}
