using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Diagnostics;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Core.Tests.Diagnostics.Fakes;

/// <summary>The memory classes wired to a fake reader, fake clock and recording loggers.</summary>
public sealed class MemoryHarness
{
    public MemoryHarness(double residentMb = 100, MemoryOptions? options = null, params ICleanupStep[] steps)
    {
        Options = options ?? new MemoryOptions();
        Reader = new FakeProcessMemoryReader(residentMb);
        Monitor = new MemoryMonitor(Reader, Time, MonitorLogger);
        Runner = new CleanupRunner(steps, Time, RunnerLogger);
    }

    public MemoryOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public FakeProcessMemoryReader Reader { get; }

    public MemoryMonitor Monitor { get; }

    public CleanupRunner Runner { get; }

    public RecordingLogger<MemoryMonitor> MonitorLogger { get; } = new();

    public RecordingLogger<CleanupRunner> RunnerLogger { get; } = new();

    public RecordingLogger<MemoryPressurePolicy> PolicyLogger { get; } = new();

    public RecordingLogger<PeriodicCleanup> PeriodicLogger { get; } = new();

    public RecordingLogger<DegradationController> DegradationLogger { get; } = new();

    public MemoryPressurePolicy CreatePolicy() => new(Monitor, Runner, Options, PolicyLogger);

    public PeriodicCleanup CreatePeriodicCleanup() => new(Runner, Monitor, Options, PeriodicLogger);

    public DegradationController CreateDegradation() => new(Options, Time, DegradationLogger);
}
