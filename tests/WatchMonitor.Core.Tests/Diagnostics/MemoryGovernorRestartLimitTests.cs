using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.Diagnostics;

[Collection(ProcessMemoryTests.Name)]
public sealed class MemoryGovernorRestartLimitTests : IDisposable
{
    private readonly TemporaryDirectory _state = new();

    [Fact]
    public async Task AfterCycleAsync_FourthCriticalRestartWithinAnHour_StaysDegradedInsteadOfRestarting()
    {
        var decisions = new List<MemoryPressureDecision>();
        for (var process = 1; process <= 4; process++)
        {
            // Each restart is a new process over the same state directory, 15 minutes after the last.
            var harness = new MemoryHarness(650, null, new FakeCleanupStep("seen"));
            harness.Time.Advance(TimeSpan.FromMinutes(15 * process));
            var outcome = await Create(harness).AfterCycleAsync(1, CancellationToken.None);
            decisions.Add(outcome.Decision);
            Assert.True(outcome.Degraded);
        }

        Assert.Equal(
            [MemoryPressureDecision.RestartRequested, MemoryPressureDecision.RestartRequested, MemoryPressureDecision.RestartRequested, MemoryPressureDecision.RestartLimitReached],
            decisions);
    }

    public void Dispose() => _state.Dispose();

    private MemoryGovernor Create(MemoryHarness harness) => new(
        harness.Monitor,
        new MemoryProfiler(harness.Monitor, harness.Options, harness.Time, new RecordingLogger<MemoryProfiler>()),
        harness.CreateDegradation(),
        harness.CreatePeriodicCleanup(),
        harness.CreatePolicy(),
        harness.Options,
        new MemoryRestartBudget(_state.File(MemoryRestartBudget.FileName), new AtomicFileWriter(NullLogger<AtomicFileWriter>.Instance), harness.Time, new RecordingLogger<MemoryRestartBudget>()));
}
