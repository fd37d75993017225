using System.Runtime;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Core.Tests.Diagnostics;

[Collection(ProcessMemoryTests.Name)]
public sealed class MemoryMonitorTests
{
    private readonly MemoryHarness _harness = new(residentMb: 123.5);

    [LinuxFact]
    public void GetCurrentUsageMb_RealProcess_WithinFivePercentOfVmRss()
    {
        using var reader = new ProcessMemoryReader();
        var monitor = new MemoryMonitor(reader, new FakeTimeProvider(), new RecordingLogger<MemoryMonitor>());

        var actualMb = monitor.GetCurrentUsageMb();
        var expected = VmRss.ReadBytes();

        ProcessMemoryReaderTests.AssertWithinFivePercent(expected, (long)(actualMb * 1024 * 1024));
    }

    [Fact]
    public void GetCurrentUsageMb_FakeReading_ConvertsBytesToMib()
    {
        Assert.Equal(123.5, _harness.Monitor.GetCurrentUsageMb(), precision: 6);
    }

    [Fact]
    public void CheckMemoryThreshold_AboveThreshold_ReturnsTrueAndWarns()
    {
        _harness.Reader.ResidentMb = 450;

        var exceeded = _harness.Monitor.CheckMemoryThreshold(400);

        Assert.True(exceeded);
        var warning = Assert.Single(_harness.MonitorLogger.AtLevel(LogLevel.Warning));
        Assert.Contains("450 MB is above the 400 MB threshold", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(399.9)]
    [InlineData(400)]
    public void CheckMemoryThreshold_AtOrBelowThreshold_ReturnsFalseWithoutLog(double residentMb)
    {
        _harness.Reader.ResidentMb = residentMb;

        Assert.False(_harness.Monitor.CheckMemoryThreshold(400));
        Assert.Empty(_harness.MonitorLogger.Entries);
    }

    [Fact]
    public void ForceGarbageCollection_AfterGarbage_CollectsEveryGenerationAndFreesHeap()
    {
        AllocateGarbage(megabytes: 32);

        var result = _harness.Monitor.ForceGarbageCollection();

        Assert.True(result.Gen2Collections >= 1);
        Assert.True(result.Gen1Collections >= result.Gen2Collections);
        Assert.True(result.Gen0Collections >= result.Gen1Collections);
        Assert.True(result.BytesFreed > 16L * 1024 * 1024, $"freed {result.BytesFreed} bytes");
        Assert.Equal(result.HeapBytesBefore - result.HeapBytesAfter, result.BytesFreed);
        Assert.Equal(123.5, result.ResidentMbBefore, precision: 6);
        Assert.Equal(123.5, result.ResidentMbAfter, precision: 6);
        Assert.False(result.Aggressive);
        Assert.Equal(GCLargeObjectHeapCompactionMode.Default, GCSettings.LargeObjectHeapCompactionMode);
    }

    [Fact]
    public void ForceGarbageCollection_Aggressive_CollectsAndReportsResidentBeforeAndAfter()
    {
        _harness.Reader.ResidentMb = 480;

        var result = _harness.Monitor.ForceGarbageCollection(aggressive: true);

        Assert.True(result.Aggressive);
        Assert.True(result.Gen2Collections >= 1);
        Assert.Equal(480, result.ResidentMbBefore, precision: 6);
        var debug = Assert.Single(_harness.MonitorLogger.AtLevel(LogLevel.Debug));
        Assert.StartsWith("Forced aggressive collection", debug.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_LiveLargeAndPinnedObjects_ReportsGenerationSizesAndCounts()
    {
        var large = new byte[1024 * 1024];
        var pinned = GC.AllocateArray<byte>(64 * 1024, pinned: true);
        GC.Collect();

        var snapshot = _harness.Monitor.Snapshot();

        Assert.Equal(_harness.Time.GetUtcNow(), snapshot.TakenAt);
        Assert.Equal(123.5, snapshot.ResidentMb, precision: 6);
        Assert.True(snapshot.LohBytes >= large.Length, $"LOH {snapshot.LohBytes}");
        Assert.True(snapshot.PohBytes >= pinned.Length, $"POH {snapshot.PohBytes}");
        Assert.True(snapshot.Gen2Bytes > 0);
        Assert.True(snapshot.GcHeapBytes > large.Length);
        Assert.True(snapshot.CommittedBytes >= snapshot.LohBytes + snapshot.PohBytes);
        Assert.True(snapshot.TotalAllocatedBytes > large.Length + pinned.Length);
        Assert.True(snapshot.Gen2Collections >= 1);
        Assert.True(snapshot.Gen0Collections >= snapshot.Gen1Collections && snapshot.Gen1Collections >= snapshot.Gen2Collections);
        Assert.True(snapshot.FragmentedBytes >= 0);
        GC.KeepAlive(large);
        GC.KeepAlive(pinned);
    }

    [Fact]
    public void LogMemoryStats_Context_WritesOneShortLineAndEveryReadingAtDebug()
    {
        _harness.Monitor.LogMemoryStats("after cycle 12");

        var summary = Assert.Single(_harness.MonitorLogger.Entries, candidate => candidate.Level == LogLevel.Information);
        Assert.Matches(@"^Memory after cycle 12: resident 123\.5 MB, GC heap \d+\.\d MB$", summary.Message);
        var entry = Assert.Single(_harness.MonitorLogger.Entries, candidate => candidate.Level == LogLevel.Debug);
        Assert.StartsWith("Memory details after cycle 12: resident 123.5 MB", entry.Message, StringComparison.Ordinal);
        var keys = entry.State.Select(pair => pair.Key).ToHashSet();
        string[] expected =
        [
            "Context", "ResidentMb", "GcHeapMb", "Gen0Mb", "Gen1Mb", "Gen2Mb", "LohMb", "PohMb", "FragmentedMb",
            "CommittedMb", "AllocatedMb", "Gen0Collections", "Gen1Collections", "Gen2Collections",
        ];
        Assert.All(expected, key => Assert.Contains(key, keys));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateGarbage(int megabytes)
    {
        var chunks = new byte[megabytes][];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = new byte[1024 * 1024];
            chunks[i][i] = 1;
        }

        GC.KeepAlive(chunks);
    }
}
