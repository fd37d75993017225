namespace WatchMonitor.Diagnostics;

/// <summary>What one forced collection did.</summary>
/// <param name="Gen0Collections">Generation-0 collections counted during the call (a full collection counts for every generation).</param>
/// <param name="BytesFreed">Managed heap before minus after; negative when other threads allocated more meanwhile.</param>
public sealed record CollectionResult(
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long HeapBytesBefore,
    long HeapBytesAfter,
    long ResidentBytesBefore,
    long ResidentBytesAfter,
    TimeSpan Duration,
    bool Aggressive)
{
    public long BytesFreed => HeapBytesBefore - HeapBytesAfter;

    public double FreedMb => MemoryUnits.ToMb(BytesFreed);

    public double HeapMbBefore => MemoryUnits.ToMb(HeapBytesBefore);

    public double HeapMbAfter => MemoryUnits.ToMb(HeapBytesAfter);

    public double ResidentMbBefore => MemoryUnits.ToMb(ResidentBytesBefore);

    public double ResidentMbAfter => MemoryUnits.ToMb(ResidentBytesAfter);
}
