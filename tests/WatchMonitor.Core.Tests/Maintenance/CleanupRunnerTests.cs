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
