using WatchMonitor.Diagnostics;

namespace WatchMonitor.Maintenance;

/// <summary>What one cleanup step measured of the memory it targets, just before and just after it ran.</summary>
/// <param name="Target">What the figures are, e.g. "resident memory" or "SQLite page cache".</param>
public sealed record CleanupFreed(string Target, long BytesBefore, long BytesAfter)
{
    /// <summary>Negative when the target grew meanwhile (other threads allocating).</summary>
    public long BytesFreed => BytesBefore - BytesAfter;

    public double FreedMb => MemoryUnits.ToMb(BytesFreed);

    public double BeforeMb => MemoryUnits.ToMb(BytesBefore);

    public double AfterMb => MemoryUnits.ToMb(BytesAfter);
}
