namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>The system clock moved forward: a monitor restarted "later" without the test waiting for it.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
