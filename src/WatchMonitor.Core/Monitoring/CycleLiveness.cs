namespace WatchMonitor.Monitoring;

/// <summary>
/// Whether the monitor loop makes progress, for the systemd watchdog: waiting between cycles is progress, and so is
/// a cycle (or the start-up before the first one) younger than the limit the watchdog gives. Thread-safe.
/// </summary>
public sealed class CycleLiveness(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _busySince = timeProvider.GetUtcNow();
    private long _cycle;

    /// <summary>The cycle running now, counted from 1; 0 during start-up.</summary>
    public long Cycle
    {
        get
        {
            lock (_gate)
            {
                return _cycle;
            }
        }
    }

    public void CycleStarted()
    {
        lock (_gate)
        {
            _cycle++;
            _busySince = timeProvider.GetUtcNow();
        }
    }

    public void CycleEnded()
    {
        lock (_gate)
        {
            _busySince = null;
        }
    }

    /// <summary>How long the cycle in flight has run; null while the loop waits for the next cycle.</summary>
    public TimeSpan? BusyFor()
    {
        lock (_gate)
        {
            return _busySince is { } since ? timeProvider.GetUtcNow() - since : null;
        }
    }

    /// <summary>False when a cycle has run for <paramref name="hungAfter"/> or longer.</summary>
    public bool IsProgressing(TimeSpan hungAfter) => BusyFor() is not { } busy || busy < hungAfter;
}
