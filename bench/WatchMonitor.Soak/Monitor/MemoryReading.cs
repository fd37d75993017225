using System.Globalization;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Soak.Monitor;

/// <summary>The monitor process's memory at one moment, read without forcing a collection.</summary>
/// <param name="ResidentBytes">Resident set size, as <c>ps</c> shows it (<c>/proc/self/statm</c>).</param>
/// <param name="PeakResidentBytes">The highest resident size so far (<c>VmHWM</c>), 0 where unknown.</param>
/// <param name="GcHeapBytes">Managed bytes in use, garbage not yet collected included.</param>
/// <param name="CommittedBytes">Memory the GC has committed from the OS.</param>
/// <param name="AllocatedBytes">Managed bytes allocated since the process started.</param>
internal readonly record struct MemoryReading(
    long ResidentBytes,
    long PeakResidentBytes,
    long GcHeapBytes,
    long CommittedBytes,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections)
{
    public static MemoryReading Take(IProcessMemoryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var info = GC.GetGCMemoryInfo();
        return new MemoryReading(
            reader.ReadResidentBytes(),
            ReadPeakResidentBytes(),
            GC.GetTotalMemory(forceFullCollection: false),
            info.TotalCommittedBytes,
            GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    /// <summary>A full, blocking collection, finalizers run, and a second one for what they released; then a reading.</summary>
    public static MemoryReading TakeAfterFullCollection(IProcessMemoryReader reader)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Take(reader);
    }

    // "VmHWM:    81234 kB" in /proc/self/status: the resident high-water mark, peaks between samples included.
    private static long ReadPeakResidentBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim();
                    return long.Parse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
