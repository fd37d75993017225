namespace WatchMonitor.Soak.Workload;

/// <summary>
/// The fake Discord's clock: real time plus one interval per cycle run so far. The soak runs cycles back to back,
/// but Discord's rate-limit window (5 posts per 2 s per webhook) should see them 5 minutes apart, as in service;
/// otherwise every fifth cycle would wait out a window that production never fills.
/// </summary>
internal sealed class CycleClock(TimeSpan interval) : TimeProvider
{
    private long _cycles;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + (interval * Interlocked.Read(ref _cycles));

    public void NextCycle() => Interlocked.Increment(ref _cycles);
}
