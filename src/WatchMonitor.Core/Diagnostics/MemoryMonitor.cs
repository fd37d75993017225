using System.Runtime;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.Diagnostics;

/// <summary>Reads, logs and checks this process's memory, and forces collections when asked.</summary>
public sealed partial class MemoryMonitor(
    IProcessMemoryReader reader,
    TimeProvider timeProvider,
    ILogger<MemoryMonitor> logger)
{
    /// <summary>Resident set size in MB (MiB), as <c>ps</c> and <c>top</c> show it.</summary>
    public double GetCurrentUsageMb() => MemoryUnits.ToMb(reader.ReadResidentBytes());

    public MemorySnapshot Snapshot()
    {
        var info = GC.GetGCMemoryInfo();
        var generations = info.GenerationInfo;
        Span<long> sizes = stackalloc long[5];
        for (var i = 0; i < sizes.Length && i < generations.Length; i++)
        {
            sizes[i] = generations[i].SizeAfterBytes;
        }

        return new MemorySnapshot(
            timeProvider.GetUtcNow(),
            reader.ReadResidentBytes(),
            GC.GetTotalMemory(forceFullCollection: false),
            sizes[0],
            sizes[1],
            sizes[2],
            sizes[3],
            sizes[4],
            info.FragmentedBytes,
            info.TotalCommittedBytes,
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    /// <summary>
    /// Logs resident memory and GC heap in one short line, and every reading of <see cref="Snapshot"/> at Debug;
    /// <paramref name="context"/> says when, e.g. "after cycle 12".
    /// </summary>
    public MemorySnapshot LogMemoryStats(string context)
    {
        var snapshot = Snapshot();
        Log.Summary(logger, context, snapshot.ResidentMb, snapshot.GcHeapMb);
        Log.Stats(
            logger,
            context,
            snapshot.ResidentMb,
            snapshot.GcHeapMb,
            snapshot.Gen0Mb,
            snapshot.Gen1Mb,
            snapshot.Gen2Mb,
            snapshot.LohMb,
            snapshot.PohMb,
            snapshot.FragmentedMb,
            snapshot.CommittedMb,
            snapshot.TotalAllocatedMb,
            snapshot.Gen0Collections,
            snapshot.Gen1Collections,
            snapshot.Gen2Collections);
        return snapshot;
    }

    /// <summary>True, with a warning logged, when resident memory is above <paramref name="thresholdMb"/>.</summary>
    public bool CheckMemoryThreshold(double thresholdMb)
    {
        var residentMb = GetCurrentUsageMb();
        if (residentMb <= thresholdMb)
        {
            return false;
        }

        Log.ThresholdExceeded(logger, residentMb, thresholdMb);
        return true;
    }

    /// <summary>
    /// Hands back what the cycle used before the monitor idles until the next one: a compacting collection that
    /// returns the freed regions to the OS at once, and the C heap's free pages. Takes a few milliseconds against
    /// an interval of minutes; without it the GC keeps the cycle's working size committed (docs/memory-profiling.md).
    /// </summary>
    /// <returns>Resident memory afterwards, MB.</returns>
    public double ReleaseBetweenCycles()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.TryTrim();
        return GetCurrentUsageMb();
    }

    /// <summary>A full, blocking, compacting collection that also compacts the large object heap once.</summary>
    public CollectionResult ForceGarbageCollection() => ForceGarbageCollection(aggressive: false);

    /// <param name="aggressive">
    /// Also returns as much memory as possible to the OS (<see cref="GCCollectionMode.Aggressive"/>), at the cost
    /// of slower allocation right after; for critical memory, not routine use.
    /// </param>
    public CollectionResult ForceGarbageCollection(bool aggressive)
    {
        var residentBefore = reader.ReadResidentBytes();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var started = timeProvider.GetTimestamp();

        var mode = aggressive ? GCCollectionMode.Aggressive : GCCollectionMode.Forced;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, mode, blocking: true, compacting: true);
        // Objects that only became unreachable when their finalizers ran are reclaimed by the second pass.
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, mode, blocking: true, compacting: true);

        var result = new CollectionResult(
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            heapBefore,
            GC.GetTotalMemory(forceFullCollection: false),
            residentBefore,
            reader.ReadResidentBytes(),
            timeProvider.GetElapsedTime(started),
            aggressive);
        Log.Collected(
            logger,
            aggressive ? "aggressive" : "full",
            result.Gen0Collections,
            result.Gen1Collections,
            result.Gen2Collections,
            result.HeapMbBefore,
            result.HeapMbAfter,
            result.ResidentMbBefore,
            result.ResidentMbAfter,
            result.Duration.TotalMilliseconds);

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Memory {Context}: resident {ResidentMb:F1} MB, GC heap {GcHeapMb:F1} MB")]
        public static partial void Summary(ILogger logger, string context, double residentMb, double gcHeapMb);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Memory details {Context}: resident {ResidentMb:F1} MB, GC heap {GcHeapMb:F1} MB (after last GC: gen0 {Gen0Mb:F1}, gen1 {Gen1Mb:F1}, gen2 {Gen2Mb:F1}, LOH {LohMb:F1}, POH {PohMb:F1} MB, fragmented {FragmentedMb:F1} MB, committed {CommittedMb:F1} MB), allocated {AllocatedMb:F0} MB since start, collections gen0 {Gen0Collections} gen1 {Gen1Collections} gen2 {Gen2Collections}")]
        public static partial void Stats(ILogger logger, string context, double residentMb, double gcHeapMb, double gen0Mb, double gen1Mb, double gen2Mb, double lohMb, double pohMb, double fragmentedMb, double committedMb, double allocatedMb, int gen0Collections, int gen1Collections, int gen2Collections);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Resident memory {ResidentMb:F0} MB is above the {ThresholdMb:F0} MB threshold. If it keeps rising, set MEMORY_PROFILING=true and follow docs/memory-profiling.md to find what grows.")]
        public static partial void ThresholdExceeded(ILogger logger, double residentMb, double thresholdMb);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Forced {Kind} collection: {Gen0} gen0, {Gen1} gen1, {Gen2} gen2 collections; GC heap {HeapBeforeMb:F1} -> {HeapAfterMb:F1} MB, resident {ResidentBeforeMb:F1} -> {ResidentAfterMb:F1} MB in {Milliseconds:F0} ms")]
        public static partial void Collected(ILogger logger, string kind, int gen0, int gen1, int gen2, double heapBeforeMb, double heapAfterMb, double residentBeforeMb, double residentAfterMb, double milliseconds);
    }
}
