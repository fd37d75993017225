using System.Globalization;
using System.Text.Json.Serialization;

namespace WatchMonitor.Soak.Monitor;

// Compiled into both processes: the soak (WatchMonitor.Soak) and the monitor (WatchMonitor.Soak.Monitor).

/// <summary>What the soak hands the monitor process: configuration overrides (they win over every other source) and its log file.</summary>
/// <param name="AllocationProfileFrom">Sample allocations by type from this cycle on; null: no profile.</param>
internal sealed record MonitorLaunch(Dictionary<string, string?> Overrides, string LogPath, long? AllocationProfileFrom);

/// <summary>The monitor process's first line: it is up, where its health endpoint listens, how its runtime is set up.</summary>
internal sealed record MonitorReady(string? HealthUrl, RuntimeSetup Runtime, MemoryReading Memory);

/// <summary>The monitor process's runtime and GC flavour.</summary>
/// <param name="Runtime">"NativeAOT" or "JIT": how the monitor's code was compiled.</param>
internal sealed record RuntimeSetup(string Runtime, string Framework, bool ServerGc, bool ConcurrentGc, string LatencyMode, string? ConserveMemory);

/// <summary>A line the soak sends the monitor process: "cycle 120 sample forced" runs cycle 120, then reads memory,
/// then reads it again after a forced full collection; "quit" flushes state and stops.</summary>
internal readonly record struct CycleCommand(long Cycle, bool Sample, bool Forced)
{
    public const string Quit = "quit";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"cycle {Cycle}{(Sample ? " sample" : "")}{(Forced ? " forced" : "")}");

    public static CycleCommand Parse(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words[0] != "cycle" || !long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cycle))
        {
            throw new FormatException($"Unknown command '{line}'.");
        }

        return new CycleCommand(cycle, words.Contains("sample"), words.Contains("forced"));
    }
}

/// <summary>One cycle as the monitor process saw it.</summary>
/// <param name="DeliveryWaitMs">How long the delivery loops took after the cycle to deliver what it queued.</param>
/// <param name="DeliverySettled">Whether they finished within the soak's wait.</param>
/// <param name="FailedSites">Sites whose scan failed this cycle.</param>
/// <param name="Exception">The cycle threw (the monitor's loop would log it and go on); null normally.</param>
/// <param name="Memory">Read right after the cycle, when a sample was asked for.</param>
/// <param name="AfterCollection">Read after a forced full collection, when asked for.</param>
internal sealed record CycleResult(
    long Cycle,
    double ElapsedMs,
    double DeliveryWaitMs,
    bool DeliverySettled,
    IReadOnlyList<string> FailedSites,
    int NewListings,
    int OutboxPending,
    bool RestartRequested,
    string? Exception,
    long WarningLogs,
    long ErrorLogs,
    MemoryReading? Memory,
    MemoryReading? AfterCollection);

/// <summary>The monitor process's last line, after it flushed state and stopped its host.</summary>
/// <param name="Allocations">The most allocated types since the profile started, when one was asked for.</param>
internal sealed record MonitorStopped(MemoryReading Memory, long WarningLogs, long ErrorLogs, IReadOnlyList<string> FirstErrors, IReadOnlyList<AllocatedType>? Allocations);

/// <summary>The monitor process's memory at one moment.</summary>
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
    int Gen2Collections);

/// <summary>Bytes the allocation sampler attributes to one type.</summary>
internal sealed record AllocatedType(string Type, long Bytes);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(MonitorLaunch))]
[JsonSerializable(typeof(MonitorReady))]
[JsonSerializable(typeof(CycleResult))]
[JsonSerializable(typeof(MonitorStopped))]
internal sealed partial class MonitorProtocolJsonContext : JsonSerializerContext;
