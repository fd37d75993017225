namespace WatchMonitor.Maintenance;

/// <summary>How hard a cleanup step should cut; each step decides what that means for what it owns.</summary>
public enum CleanupLevel
{
    /// <summary>Routine housekeeping every FORCE_GC_EVERY_N_CYCLES cycles: trim to the configured caps, drop expired entries.</summary>
    Periodic,

    /// <summary>Memory is above the warning threshold: trim history and seen stores to their caps and drop caches.</summary>
    Emergency,

    /// <summary>
    /// Memory is above the critical threshold: cut every structure to the smallest size the monitor still works
    /// with (for example only the newest sessions, seen ids of the current listings, no caches). A restart follows
    /// if this is not enough, so correctness beats thoroughness.
    /// </summary>
    Minimum,
}
