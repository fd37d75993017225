using System.Globalization;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Core.Tests.Diagnostics;

[Collection(ProcessMemoryTests.Name)]
public sealed class ProcessMemoryReaderTests
{
    [LinuxFact]
    public void ReadResidentBytes_Procfs_WithinFivePercentOfVmRss()
    {
        using var reader = new ProcessMemoryReader(useProcfs: true);

        var actual = reader.ReadResidentBytes();
        var expected = VmRss.ReadBytes();

        AssertWithinFivePercent(expected, actual);
    }

    [LinuxFact]
    public void ReadResidentBytes_ProcessFallback_WithinFivePercentOfVmRss()
    {
        using var reader = new ProcessMemoryReader(useProcfs: false);

        var actual = reader.ReadResidentBytes();
        var expected = VmRss.ReadBytes();

        AssertWithinFivePercent(expected, actual);
    }

    [LinuxFact]
    public void ReadResidentBytes_RepeatedCalls_AllocateLittle()
    {
        using var reader = new ProcessMemoryReader();
        reader.ReadResidentBytes();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            reader.ReadResidentBytes();
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perCall < 512, $"{perCall} bytes allocated per reading");
    }

    internal static void AssertWithinFivePercent(long expected, long actual)
    {
        var difference = Math.Abs(actual - expected) / (double)expected;
        Assert.True(difference <= 0.05, $"RSS {actual} bytes differs from VmRSS {expected} bytes by {difference:P1}");
    }
}

/// <summary>The VmRSS line of /proc/self/status, e.g. "VmRSS:	   51234 kB".</summary>
internal static class VmRss
{
    public static long ReadBytes()
    {
        var line = File.ReadLines("/proc/self/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
