namespace WatchMonitor.Maintenance;

/// <summary>How hard a cleanup step should cut; each step decides what that means for what it owns.</summary>
public enum CleanupLevel
{
    /// <summary>Routine housekeeping every FORCE_GC_EVERY_N_CYCLES cycles: trim to the configured caps, drop expired entries.</summary>
    Periodic,

    /// <summary>Memory is above the warning threshold: trim history and seen stores to their caps and drop caches.</summary>
    Emergency,

    /// <summary>Above the critical threshold: the smallest size the monitor still works with; a restart follows if not enough.</summary>
    Minimum,
}
