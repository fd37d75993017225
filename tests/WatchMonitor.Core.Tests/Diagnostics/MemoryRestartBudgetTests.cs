using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.Diagnostics;

public sealed class MemoryRestartBudgetTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<MemoryRestartBudget> _logger = new();

    [Fact]
    public async Task TryTake_FourthWithinAnHourAcrossProcesses_RefusedWithOneErrorThenAllowedAfterTheHour()
    {
        for (var restart = 0; restart < 3; restart++)
        {
            // Each restart is a new process: a new budget over the same file.
            Assert.True(await Budget().TryTakeAsync(CancellationToken.None));
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var fourth = Budget();
        Assert.False(await fourth.TryTakeAsync(CancellationToken.None));
        Assert.False(await fourth.TryTakeAsync(CancellationToken.None));

        var error = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.StartsWith("Memory stays above MEMORY_CRITICAL_THRESHOLD_MB, but the monitor already restarted 3 times in the last hour: it keeps running in degraded mode (health Unhealthy)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the next restart is allowed after 2026-03-01 13:00:00Z", error.Message, StringComparison.Ordinal);

        // 12:30 now; the first restart (12:00) leaves the window at 13:00.
        _time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        Assert.True(await fourth.TryTakeAsync(CancellationToken.None));
        Assert.Equal(3, File.ReadAllLines(_directory.File(MemoryRestartBudget.FileName)).Length);
    }

    [Fact]
    public async Task TryTake_CorruptFile_CountsNothingAndRewritesIt()
    {
        Directory.CreateDirectory(_directory.Path);
        await File.WriteAllTextAsync(_directory.File(MemoryRestartBudget.FileName), "garbage\n\0\n");

        Assert.True(await Budget().TryTakeAsync(CancellationToken.None));

        Assert.Equal(["2026-03-01T12:00:00.0000000+00:00"], await File.ReadAllLinesAsync(_directory.File(MemoryRestartBudget.FileName)));
    }

    public void Dispose() => _directory.Dispose();

    private MemoryRestartBudget Budget() =>
        new(_directory.File(MemoryRestartBudget.FileName), new AtomicFileWriter(NullLogger<AtomicFileWriter>.Instance), _time, _logger);
}
