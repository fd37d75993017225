namespace WatchMonitor.Soak.Monitor;

/// <summary>
/// The monitor's clock in the soak: real time plus one interval per cycle before the current one, the same shift the
/// fake Discord's clock applies. Cycles run back to back, but everything that goes by the clock (Discord's
/// rate-limit windows, backoffs, retention of session history and seen listings) sees them an interval apart, as
/// in service. Timers keep real durations; a delivery loop holding for a window is woken by the next cycle's
/// messages and then sees the window passed.
/// </summary>
internal sealed class ServiceClock(TimeSpan interval) : TimeProvider
{
    private long _cyclesBefore;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + (interval * Interlocked.Read(ref _cyclesBefore));

    public void StartCycle(long cycle) => Interlocked.Exchange(ref _cyclesBefore, Math.Max(0, cycle - 1));
}
