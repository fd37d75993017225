using System.Globalization;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Soak.Monitor;

/// <summary>Reads the monitor process's memory (<see cref="MemoryReading"/>), without forcing a collection or after one.</summary>
internal static class MemoryProbe
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
