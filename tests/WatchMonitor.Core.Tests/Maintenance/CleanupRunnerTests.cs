using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Core.Tests.Maintenance;

public sealed class CleanupRunnerTests
{
    private readonly RecordingLogger<CleanupRunner> _logger = new();

    [Fact]
    public async Task RunAsync_MiddleStepThrows_LaterStepsRunAndFailureIsReported()
    {
        var first = new FakeCleanupStep("history");
        var broken = new FakeCleanupStep("seen") { FailuresLeft = 1 };
        var last = new FakeCleanupStep("caches");
        var runner = new CleanupRunner([first, broken, last], new FakeTimeProvider(), _logger);

        var report = await runner.RunAsync(CleanupLevel.Emergency, CancellationToken.None);

        Assert.Equal(["history", "caches"], report.Succeeded);
        Assert.Equal("seen", Assert.Single(report.Failed).Step);
        Assert.Equal("seen could not write its file", report.Failed[0].Error);
        Assert.False(report.AllSucceeded);
        var error = Assert.Single(_logger.AtLevel(LogLevel.Error));
        Assert.IsType<IOException>(error.Exception);
        Assert.Contains("'seen'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StepsMeasureWhatTheyFree_ReportsEachFigureAndTheirSum()
    {
        var history = new FakeCleanupStep("history") { FreesBytes = 3 * 1024 * 1024 };
        var unmeasured = new FakeCleanupStep("legacy");
        var grew = new FakeCleanupStep("caches") { FreesBytes = -1024 * 1024 };
        var runner = new CleanupRunner([history, unmeasured, grew], new FakeTimeProvider(), _logger);

        var report = await runner.RunAsync(CleanupLevel.Periodic, CancellationToken.None);

        Assert.Equal(3 * 1024 * 1024, report.Steps[0].Freed!.BytesFreed);
        Assert.Null(report.Steps[1].Freed);
        Assert.Equal(-1024 * 1024, report.Steps[2].Freed!.BytesFreed);
        Assert.Equal(3 * 1024 * 1024, report.BytesFreed);
        var lines = _logger.AtLevel(LogLevel.Information).Select(entry => entry.Message).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("Cleanup step 'history' (Periodic): fake memory 100.0 -> 97.0 MB, freed 3.0 MB", lines[0], StringComparison.Ordinal);
        Assert.Contains("does not measure", Assert.Single(_logger.AtLevel(LogLevel.Debug)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StepTimesOutOnItsOwn_IsAFailureNotACancellation()
    {
        var slow = new ThrowingStep(new TaskCanceledException("timed out"));
        var last = new FakeCleanupStep("caches");
        var runner = new CleanupRunner([slow, last], new FakeTimeProvider(), _logger);

        var report = await runner.RunAsync(CleanupLevel.Periodic, CancellationToken.None);

        Assert.Equal("throwing", Assert.Single(report.Failed).Step);
        Assert.Equal([CleanupLevel.Periodic], last.Runs);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsWithoutRunningSteps()
    {
        var step = new FakeCleanupStep("history");
        var runner = new CleanupRunner([step], new FakeTimeProvider(), _logger);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(CleanupLevel.Periodic, new CancellationToken(canceled: true)));

        Assert.Empty(step.Runs);
    }

    private sealed class ThrowingStep(Exception exception) : ICleanupStep
    {
        public string Name => "throwing";

        public Task RunAsync(CleanupLevel level, CancellationToken cancellationToken) => Task.FromException(exception);
    }
}
