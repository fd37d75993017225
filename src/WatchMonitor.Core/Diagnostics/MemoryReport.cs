using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.State;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// A point-in-time JSON memory report. .NET has no in-process heap walk, so for a type histogram the report names
/// the dotnet-gcdump command for this process.
/// </summary>
public sealed partial class MemoryReport(
    MemoryMonitor monitor,
    MemoryOptions options,
    TimeProvider timeProvider,
    ILogger<MemoryReport> logger)
{
    private static readonly string[] AppContextKeys =
    [
        "GCHeapHardLimit",
        "GCHeapHardLimitPercent",
        "GCHeapCount",
        "GCHeapAffinitizeMask",
        "GCConserveMemory",
        "System.GC.Server",
        "System.GC.Concurrent",
        "System.GC.ConserveMemory",
        "System.GC.RetainVM",
        "System.GC.HeapHardLimit",
        "System.GC.HeapHardLimitPercent",
        "System.GC.HeapCount",
    ];

    private static readonly string[] GenerationNames = ["gen0", "gen1", "gen2", "loh", "poh"];

    /// <summary>Writes the report as indented UTF-8 JSON to <paramref name="destination"/> (left open).</summary>
    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            Write(writer, monitor.Snapshot());
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <c>&lt;MEMORY_REPORTS_DIR&gt;/memory-snapshot-&lt;time&gt;.json</c>, keeping the newest 20; returns its path.</summary>
    public async Task<string> WriteFileAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.ReportsDirectory);
        OwnerOnlyFiles.CreateDirectory(directory);
        ReportFiles.Prune(directory, "memory-snapshot-*.json", ReportFiles.Kept - 1);
        var path = Path.Combine(directory, $"memory-snapshot-{timeProvider.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.json");
        var stream = new FileStream(path, OwnerOnlyFiles.Creating(FileMode.Create));
        await using (stream.ConfigureAwait(false))
        {
            await WriteAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        Log.Written(logger, path, Environment.ProcessId);
        return path;
    }

    private void Write(Utf8JsonWriter json, MemorySnapshot snapshot)
    {
        json.WriteStartObject();
        json.WriteString("takenAt", snapshot.TakenAt);
        json.WriteNumber("processId", Environment.ProcessId);
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteNumber("processorCount", Environment.ProcessorCount);

        json.WriteStartObject("thresholds");
        json.WriteNumber("warningMb", options.WarningThresholdMb);
        json.WriteNumber("criticalMb", options.CriticalThresholdMb);
        json.WriteEndObject();

        json.WriteStartObject("snapshot");
        json.WriteNumber("residentBytes", snapshot.ResidentBytes);
        json.WriteNumber("gcHeapBytes", snapshot.GcHeapBytes);
        json.WriteNumber("gen0Bytes", snapshot.Gen0Bytes);
        json.WriteNumber("gen1Bytes", snapshot.Gen1Bytes);
        json.WriteNumber("gen2Bytes", snapshot.Gen2Bytes);
        json.WriteNumber("lohBytes", snapshot.LohBytes);
        json.WriteNumber("pohBytes", snapshot.PohBytes);
        json.WriteNumber("fragmentedBytes", snapshot.FragmentedBytes);
        json.WriteNumber("committedBytes", snapshot.CommittedBytes);
        json.WriteNumber("totalAllocatedBytes", snapshot.TotalAllocatedBytes);
        json.WriteNumber("gen0Collections", snapshot.Gen0Collections);
        json.WriteNumber("gen1Collections", snapshot.Gen1Collections);
        json.WriteNumber("gen2Collections", snapshot.Gen2Collections);
        json.WriteEndObject();

        json.WriteStartObject("lastCollections");
        WriteGcInfo(json, "any", GC.GetGCMemoryInfo(GCKind.Any));
        WriteGcInfo(json, "ephemeral", GC.GetGCMemoryInfo(GCKind.Ephemeral));
        WriteGcInfo(json, "fullBlocking", GC.GetGCMemoryInfo(GCKind.FullBlocking));
        WriteGcInfo(json, "background", GC.GetGCMemoryInfo(GCKind.Background));
        json.WriteEndObject();

        json.WriteStartObject("gcSettings");
        json.WriteBoolean("isServerGC", GCSettings.IsServerGC);
        json.WriteString("latencyMode", GCSettings.LatencyMode.ToString());
        json.WriteString("largeObjectHeapCompactionMode", GCSettings.LargeObjectHeapCompactionMode.ToString());
        json.WriteNumber("totalPauseMilliseconds", GC.GetTotalPauseDuration().TotalMilliseconds);
        json.WriteEndObject();

        json.WriteStartObject("gcConfiguration");
        foreach (var (key, value) in GC.GetConfigurationVariables().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();

        json.WriteStartObject("appContext");
        foreach (var key in AppContextKeys)
        {
            if (AppContext.GetData(key) is { } value)
            {
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        json.WriteEndObject();

        json.WriteStartObject("threading");
        json.WriteNumber("threadPoolThreads", ThreadPool.ThreadCount);
        json.WriteNumber("threadPoolPendingWorkItems", ThreadPool.PendingWorkItemCount);
        json.WriteNumber("threadPoolCompletedWorkItems", ThreadPool.CompletedWorkItemCount);
        json.WriteNumber("activeTimers", Timer.ActiveCount);
        json.WriteNumber("lockContentions", Monitor.LockContentionCount);
        json.WriteEndObject();

        var pid = Environment.ProcessId;
        json.WriteStartObject("heapTypeHistogram");
        json.WriteString("note", RuntimeFeature.IsDynamicCodeSupported
            ? "The runtime has no in-process heap walk. Take a GC heap dump from outside with the commands below (they attach through the diagnostics port the runtime already opens) and read the type histogram with 'dotnet-gcdump report'. See docs/memory-profiling.md."
            : "This is the NativeAOT build: its GC heap dumps carry no type names, so 'dotnet-gcdump report' shows only totals. For the type histogram run the framework-dependent build of the same version in the same working directory; dotnet-counters works on both. See docs/deployment.md.");
        json.WriteStartArray("commands");
        json.WriteStringValue($"dotnet-gcdump collect -p {pid} -o watchmon-{pid}.gcdump");
        json.WriteStringValue($"dotnet-gcdump report watchmon-{pid}.gcdump");
        json.WriteStringValue($"dotnet-counters monitor -p {pid} --counters System.Runtime");
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void WriteGcInfo(Utf8JsonWriter json, string name, GCMemoryInfo info)
    {
        json.WriteStartObject(name);
        json.WriteNumber("index", info.Index);
        if (info.Index == 0)
        {
            json.WriteEndObject();
            return;
        }

        json.WriteNumber("generation", info.Generation);
        json.WriteBoolean("compacted", info.Compacted);
        json.WriteBoolean("concurrent", info.Concurrent);
        json.WriteNumber("pauseTimePercentage", info.PauseTimePercentage);
        json.WriteStartArray("pauseMilliseconds");
        foreach (var pause in info.PauseDurations)
        {
            json.WriteNumberValue(pause.TotalMilliseconds);
        }

        json.WriteEndArray();
        json.WriteNumber("heapSizeBytes", info.HeapSizeBytes);
        json.WriteNumber("fragmentedBytes", info.FragmentedBytes);
        json.WriteNumber("totalCommittedBytes", info.TotalCommittedBytes);
        json.WriteNumber("promotedBytes", info.PromotedBytes);
        json.WriteNumber("pinnedObjectsCount", info.PinnedObjectsCount);
        json.WriteNumber("finalizationPendingCount", info.FinalizationPendingCount);
        json.WriteNumber("memoryLoadBytes", info.MemoryLoadBytes);
        json.WriteNumber("highMemoryLoadThresholdBytes", info.HighMemoryLoadThresholdBytes);
        json.WriteNumber("totalAvailableMemoryBytes", info.TotalAvailableMemoryBytes);
        json.WriteStartObject("generations");
        var generations = info.GenerationInfo;
        for (var i = 0; i < generations.Length && i < GenerationNames.Length; i++)
        {
            json.WriteStartObject(GenerationNames[i]);
            json.WriteNumber("sizeBeforeBytes", generations[i].SizeBeforeBytes);
            json.WriteNumber("sizeAfterBytes", generations[i].SizeAfterBytes);
            json.WriteNumber("fragmentationBeforeBytes", generations[i].FragmentationBeforeBytes);
            json.WriteNumber("fragmentationAfterBytes", generations[i].FragmentationAfterBytes);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Memory report written to {Path}. For a type histogram of the managed heap run: dotnet-gcdump collect -p {ProcessId} (see docs/memory-profiling.md)")]
        public static partial void Written(ILogger logger, string path, int processId);
    }
}
