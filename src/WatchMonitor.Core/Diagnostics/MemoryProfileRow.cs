using System.Globalization;

namespace WatchMonitor.Diagnostics;

// "12,2025-03-01T09:00:00Z,157286400,41943040,83886080,5242880,37,6,2,1048576": collection counts since start,
// allocated bytes of this cycle.
internal readonly record struct MemoryProfileRow(
    long Cycle,
    DateTimeOffset Time,
    long ResidentBytes,
    long GcHeapBytes,
    long CommittedBytes,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long LohBytes)
{
    public const string Header = "cycle,time,rss_bytes,gc_heap_bytes,committed_bytes,allocated_bytes,gen0_count,gen1_count,gen2_count,loh_bytes";

    private const int FieldCount = 10;

    public static MemoryProfileRow From(long cycle, MemorySnapshot snapshot, long allocatedBytes) => new(
        cycle,
        snapshot.TakenAt,
        snapshot.ResidentBytes,
        snapshot.GcHeapBytes,
        snapshot.CommittedBytes,
        allocatedBytes,
        snapshot.Gen0Collections,
        snapshot.Gen1Collections,
        snapshot.Gen2Collections,
        snapshot.LohBytes);

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Cycle},{Time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{ResidentBytes},{GcHeapBytes},{CommittedBytes},{AllocatedBytes},{Gen0Collections},{Gen1Collections},{Gen2Collections},{LohBytes}");

    /// <summary>False for the header, blank lines and a line cut short by a crash mid-write.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out MemoryProfileRow row)
    {
        row = default;
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        if (line.Split(fields, ',') != FieldCount)
        {
            return false;
        }

        var invariant = CultureInfo.InvariantCulture;
        if (long.TryParse(line[fields[0]], NumberStyles.None, invariant, out var cycle)
            && DateTimeOffset.TryParse(line[fields[1]], invariant, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && long.TryParse(line[fields[2]], NumberStyles.None, invariant, out var resident)
            && long.TryParse(line[fields[3]], NumberStyles.None, invariant, out var heap)
            && long.TryParse(line[fields[4]], NumberStyles.None, invariant, out var committed)
            && long.TryParse(line[fields[5]], NumberStyles.AllowLeadingSign, invariant, out var allocated)
            && int.TryParse(line[fields[6]], NumberStyles.None, invariant, out var gen0)
            && int.TryParse(line[fields[7]], NumberStyles.None, invariant, out var gen1)
            && int.TryParse(line[fields[8]], NumberStyles.None, invariant, out var gen2)
            && long.TryParse(line[fields[9]], NumberStyles.None, invariant, out var loh))
        {
            row = new MemoryProfileRow(cycle, time, resident, heap, committed, allocated, gen0, gen1, gen2, loh);
            return true;
        }

        return false;
    }
}
