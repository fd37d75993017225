namespace WatchMonitor.Diagnostics;

/// <summary>
/// The process's memory at one moment. Generation sizes, fragmentation and committed bytes are as of the last
/// garbage collection (<see cref="GC.GetGCMemoryInfo()"/>); the heap size and allocation total are current.
/// </summary>
/// <param name="ResidentBytes">Resident set size, as <c>ps</c> reports it.</param>
/// <param name="GcHeapBytes">Managed heap in use now (<see cref="GC.GetTotalMemory(bool)"/>, as dotnet-counters' "GC Heap Size").</param>
/// <param name="LohBytes">Large object heap (objects of 85,000 bytes and more) after the last collection.</param>
/// <param name="TotalAllocatedBytes">Everything allocated since the process started (<see cref="GC.GetTotalAllocatedBytes(bool)"/>).</param>
public sealed record MemorySnapshot(
    DateTimeOffset TakenAt,
    long ResidentBytes,
    long GcHeapBytes,
    long Gen0Bytes,
    long Gen1Bytes,
    long Gen2Bytes,
    long LohBytes,
    long PohBytes,
    long FragmentedBytes,
    long CommittedBytes,
    long TotalAllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections)
{
    public double ResidentMb => MemoryUnits.ToMb(ResidentBytes);

    public double GcHeapMb => MemoryUnits.ToMb(GcHeapBytes);

    public double Gen0Mb => MemoryUnits.ToMb(Gen0Bytes);

    public double Gen1Mb => MemoryUnits.ToMb(Gen1Bytes);

    public double Gen2Mb => MemoryUnits.ToMb(Gen2Bytes);

    public double LohMb => MemoryUnits.ToMb(LohBytes);

    public double PohMb => MemoryUnits.ToMb(PohBytes);

    public double FragmentedMb => MemoryUnits.ToMb(FragmentedBytes);

    public double CommittedMb => MemoryUnits.ToMb(CommittedBytes);

    public double TotalAllocatedMb => MemoryUnits.ToMb(TotalAllocatedBytes);
}
