using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using WatchMonitor.Soak.Monitor;
using WatchMonitor.Soak.Workload;

namespace WatchMonitor.Soak.Report;

/// <summary>What <c>summary.json</c> holds: the figures of a run, computed after its warm-up, and the budget verdicts.</summary>
/// <param name="Runtime">The monitor build measured: "NativeAOT" or "JIT".</param>
/// <param name="WrittenKbPerCycle">Bytes the monitor sent to storage per cycle after warm-up (from /proc/&lt;pid&gt;/io).</param>
internal sealed record SoakSummary(
    string Date,
    MachineInfo Machine,
    SoakOptions Options,
    string Runtime,
    MonitorBinary? Monitor,
    RuntimeSetup? MonitorRuntime,
    int Cycles,
    int CompletedCycles,
    string? Aborted,
    double ElapsedMinutes,
    WarmUp WarmUp,
    ResidentFigures Resident,
    ManagedFigures Managed,
    CycleTimes CycleTime,
    AllocationFigures Allocations,
    NotificationFigures Notifications,
    WorkloadFigures Workload,
    StateFileSizes StateFiles,
    double WrittenKbPerCycle,
    IReadOnlyList<Checkpoint> Checkpoints,
    LogFigures MonitorLogs,
    string? FirstCycleException,
    bool RestartRequested,
    IReadOnlyList<Verdict> Verdicts,
    bool Passed)
{
    public const double BytesPerMb = 1024 * 1024;

    /// <summary>The design's memory tests as cycles at its 5-minute interval, with the limit each must stay under.</summary>
    public static IReadOnlyList<(string Name, long Cycle, double LimitMb)> DesignCheckpoints { get; } =
    [
        ("1 h", 12, 200),
        ("24 h", 288, 300),
        ("7 d", 2016, 400),
    ];

    /// <summary>
    /// Cycles left out of steady-state figures: 10 % of the run, but at least 50 cycles (and at most half the run).
    /// 50 cycles cover tiered JIT recompiling the hot paths (after 30 calls), the HTTP connection and buffer pools
    /// reaching their working size and five of the monitor's own periodic collections; 10 % keeps long runs from being
    /// judged on their first hours. State is full from the first cycle (see StatePrefill), so no store is still growing.
    /// </summary>
    public static int WarmUpCycles(int cycles) => Math.Min(Math.Max((int)Math.Ceiling(cycles * 0.1), 50), cycles / 2);

    public static SoakSummary From(SoakResults results, string date)
    {
        ArgumentNullException.ThrowIfNull(results);
        var options = results.Options;
        var warmUp = WarmUpCycles(results.CompletedCycles);
        var regular = results.Rows.Where(row => !row.Forced).ToList();
        var steady = regular.Where(row => row.Cycle > warmUp).ToList();
        var collected = results.Rows.Where(row => row.Forced && row.Cycle > warmUp).ToList();
        var peakProcessMb = Mb(Math.Max(results.Stopped?.Memory.PeakResidentBytes ?? 0, regular.Count == 0 ? 0 : regular.Max(row => row.Memory.PeakResidentBytes)));

        var resident = new ResidentFigures(
            Round(Statistics.Median(steady.Select(row => Mb(row.Memory.ResidentBytes)))),
            Round(steady.Count == 0 ? double.NaN : steady.Max(row => Mb(row.Memory.ResidentBytes))),
            Round(peakProcessMb),
            Round(Statistics.Slope([.. steady.Select(row => ((double)row.Cycle, row.Memory.ResidentBytes / 1024.0))]), 4),
            Round(regular.Count == 0 ? double.NaN : Mb(regular[0].Memory.ResidentBytes)),
            Round(regular.Count == 0 ? double.NaN : Mb(regular[^1].Memory.ResidentBytes)),
            Round(results.SteadyPeakMeasured && steady.Count > 0 ? steady.Max(row => Mb(row.Memory.PeakResidentBytes)) : double.NaN));
        var managed = new ManagedFigures(
            Round(Statistics.Median(steady.Select(row => Mb(row.Memory.GcHeapBytes)))),
            Round(Statistics.Median(steady.Select(row => Mb(row.Memory.CommittedBytes)))),
            Round(Statistics.Slope([.. collected.Select(row => ((double)row.Cycle, row.Memory.GcHeapBytes / 1024.0))]), 4),
            collected.Count,
            Round(collected.Count == 0 ? double.NaN : Mb(collected[0].Memory.GcHeapBytes)),
            Round(collected.Count == 0 ? double.NaN : Mb(collected[^1].Memory.GcHeapBytes)));
        var steadyTimes = results.CycleMs.Skip(warmUp).ToList();
        var steadyDelivery = results.DeliveryWaitMs.Skip(warmUp).ToList();
        var cycleTime = new CycleTimes(
            Round(Statistics.Median(steadyTimes)),
            Round(Statistics.Percentile(steadyTimes, 95)),
            Round(steadyTimes.Count == 0 ? double.NaN : steadyTimes.Max()),
            Round(results.CycleMs.Count == 0 ? double.NaN : results.CycleMs[0]),
            Round(Statistics.Median(steadyDelivery)),
            Round(Statistics.Percentile(steadyDelivery, 95)),
            results.UnsettledCycles);
        var written = steady.Where(row => row.Files.WrittenBytes > 0).ToList();
        var writtenKbPerCycle = written.Count < 2 || written[^1].Cycle == written[0].Cycle
            ? double.NaN
            : (written[^1].Files.WrittenBytes - written[0].Files.WrittenBytes) / 1024.0 / (written[^1].Cycle - written[0].Cycle);
        var allocations = AllocationsOf(steady, results.Stopped?.Allocations, results.CompletedCycles - warmUp);
        var ledger = results.Ledger;
        var notifications = new NotificationFigures(
            ledger.Expected, ledger.Embeds, ledger.Delivered, ledger.Unexpected, ledger.Outstanding, ledger.Messages,
            results.LastCycle?.OutboxPending ?? 0, ledger.UnexpectedExamples);
        var workload = results.Workload;
        var checkpoints = DesignCheckpoints
            .Where(checkpoint => checkpoint.Cycle <= results.CompletedCycles)
            .Select(checkpoint => CheckpointAt(regular, checkpoint.Name, checkpoint.Cycle, checkpoint.LimitMb))
            .ToList();
        var logs = new LogFigures(results.Stopped?.WarningLogs ?? results.LastCycle?.WarningLogs ?? 0, results.Stopped?.ErrorLogs ?? results.LastCycle?.ErrorLogs ?? 0, results.Stopped?.FirstErrors ?? []);

        var verdicts = new List<Verdict>
        {
            Budget("peak resident (MB)", "--max-peak-rss-mb", resident.PeakProcessMb, options.MaxPeakRssMb),
            Budget("lost notifications", "--max-lost", ledger.Outstanding, options.MaxLost),
            Check("duplicate or unexpected notifications", ledger.Unexpected, 0),
            Check("errors logged by the monitor", logs.Errors, 0),
            Check("cycles that threw", results.CycleExceptions, 0),
            Check("run completed", results.Aborted is null ? 0 : 1, 0),
        };
        if (!options.ScaleRun)
        {
            // A scale run is tens of cycles, where a slope is noise; it answers how long a cycle takes, not flatness.
            verdicts.Add(Budget("resident slope (KB/cycle)", "--max-rss-slope-kb", resident.SlopeKbPerCycle, options.MaxRssSlopeKb));
            verdicts.Add(Budget("managed slope after collection (KB/cycle)", "--max-heap-slope-kb", managed.PostCollectionSlopeKbPerCycle, options.MaxHeapSlopeKb));
        }
        return new SoakSummary(
            date,
            new MachineInfo(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, results.DotnetSdk, results.LoadAverageAtStart, LoadAverage.Read()),
            options,
            results.Ready?.Runtime.Runtime ?? MonitorBinary.NameOf(options.Monitor),
            results.Monitor,
            results.Ready?.Runtime,
            options.Cycles,
            results.CompletedCycles,
            results.Aborted,
            Round(results.Elapsed.TotalMinutes),
            new WarmUp(warmUp, "10 % of the cycles, at least 50 and at most half the run"),
            resident,
            managed,
            cycleTime,
            allocations,
            notifications,
            new WorkloadFigures(workload.ListingsAdded, workload.Repriced, workload.Removed, workload.SiteFailures, results.UnexpectedSiteFailures, results.MissedInjectedFailures, results.HealthScrapes, results.HealthScrapeFailures, Round(results.DealerRequests > 0 && results.CompletedCycles > warmUp ? (double)(results.DealerRequests - results.DealerRequestsInWarmUp) / (results.CompletedCycles - warmUp) : double.NaN)),
            results.Rows.Count == 0 ? default : results.Rows[^1].Files,
            Round(writtenKbPerCycle),
            checkpoints,
            logs,
            results.FirstCycleException,
            results.RestartRequested,
            verdicts,
            verdicts.TrueForAll(verdict => verdict.Passed));
    }

    /// <summary>The summary's last line, in the fixed format scripts read.</summary>
    public string ResultLine() => string.Create(CultureInfo.InvariantCulture,
        $"soak: cycles={CompletedCycles} rss_median_mb={Resident.SteadyMedianMb:F1} rss_peak_mb={Resident.PeakProcessMb:F1} rss_slope_kb_per_cycle={Resident.SlopeKbPerCycle:F3} heap_slope_kb_per_cycle={Managed.PostCollectionSlopeKbPerCycle:F3} cycle_p50_ms={CycleTime.P50Ms:F1} written_kb_per_cycle={WrittenKbPerCycle:F1} lost_notifications={Notifications.Lost}");

    private static AllocationFigures AllocationsOf(List<SoakRow> steady, IReadOnlyList<AllocatedType>? profile, int profiledCycles)
    {
        var topTypes = profile is null || profiledCycles < 1
            ? null
            : profile.Select(type => new TypeAllocation(type.Type, Round(type.Bytes / 1024.0 / profiledCycles, 1))).ToList();
        if (steady.Count < 2)
        {
            return new AllocationFigures(double.NaN, 0, 0, 0, topTypes);
        }

        var (first, last) = (steady[0], steady[^1]);
        var cycles = last.Cycle - first.Cycle;
        return new AllocationFigures(
            Round((last.Memory.AllocatedBytes - first.Memory.AllocatedBytes) / 1024.0 / cycles),
            last.Memory.Gen0Collections - first.Memory.Gen0Collections,
            last.Memory.Gen1Collections - first.Memory.Gen1Collections,
            last.Memory.Gen2Collections - first.Memory.Gen2Collections,
            topTypes);
    }

    private static Checkpoint CheckpointAt(List<SoakRow> regular, string name, long cycle, double limitMb)
    {
        var row = regular.LastOrDefault(candidate => candidate.Cycle <= cycle);
        var residentMb = row.Cycle == 0 ? double.NaN : Mb(row.Memory.ResidentBytes);
        var peakMb = row.Cycle == 0 ? double.NaN : Mb(row.Memory.PeakResidentBytes);
        return new Checkpoint(name, cycle, row.Cycle, Round(residentMb), Round(peakMb), limitMb, peakMb < limitMb);
    }

    private static Verdict Budget(string name, string option, double actual, double limit) =>
        new(name, option, Round(actual, 4), limit, !double.IsNaN(actual) && actual <= limit);

    private static Verdict Check(string name, double actual, double limit) => new(name, null, actual, limit, actual <= limit);

    private static double Mb(long bytes) => bytes / BytesPerMb;

    private static double Round(double value, int digits = 2) => double.IsNaN(value) ? double.NaN : Math.Round(value, digits);
}

/// <param name="DotnetSdk">What <c>dotnet --version</c> printed.</param>
/// <param name="LoadAverageAtStart">/proc/loadavg's 1, 5 and 15 minute figures when the run started; null where there is none.</param>
internal sealed record MachineInfo(int Processors, string Os, string Runtime, string? DotnetSdk, string? LoadAverageAtStart, string? LoadAverageAtEnd);

/// <summary>The machine's load average, which says how much of the cycle time was other work's.</summary>
internal static class LoadAverage
{
    public static string? Read()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

internal sealed record WarmUp(int Cycles, string Rule);

/// <param name="SteadyMedianMb">Median of the samples after warm-up.</param>
/// <param name="SteadyPeakMb">Highest sample after warm-up.</param>
/// <param name="PeakProcessMb">The process's resident high-water mark over the whole run (VmHWM), between samples too.</param>
/// <param name="SlopeKbPerCycle">Least-squares slope of the samples after warm-up.</param>
/// <param name="SteadyProcessPeakMb">The high-water mark after warm-up (reset then), within cycles too; NaN where it cannot be reset.</param>
internal sealed record ResidentFigures(double SteadyMedianMb, double SteadyPeakMb, double PeakProcessMb, double SlopeKbPerCycle, double FirstSampleMb, double LastSampleMb, double SteadyProcessPeakMb);

/// <param name="PostCollectionSlopeKbPerCycle">Least-squares slope of the managed heap after forced full collections, after warm-up.</param>
internal sealed record ManagedFigures(double SteadyMedianMb, double CommittedMedianMb, double PostCollectionSlopeKbPerCycle, int PostCollectionSamples, double PostCollectionFirstMb, double PostCollectionLastMb);

/// <param name="DeliveryP50Ms">After each cycle, how long its alerts took to be delivered (the soak waits for them).</param>
/// <param name="UnsettledCycles">Cycles whose alerts were not all delivered within the soak's wait.</param>
internal sealed record CycleTimes(double P50Ms, double P95Ms, double MaxMs, double FirstCycleMs, double DeliveryP50Ms, double DeliveryP95Ms, long UnsettledCycles);

/// <param name="TopTypes">With --allocation-profile: the most allocated types after warm-up, KB per cycle (sampled).</param>
internal sealed record AllocationFigures(double PerCycleKb, int Gen0Collections, int Gen1Collections, int Gen2Collections, IReadOnlyList<TypeAllocation>? TopTypes);

internal sealed record TypeAllocation(string Type, double KbPerCycle);

/// <param name="Expected">New listings and re-prices the workload made visible to the monitor.</param>
/// <param name="Embeds">Embeds the fake Discord accepted (one per alert; messages carry up to ten).</param>
/// <param name="Lost">Expected but never received.</param>
/// <param name="PendingInOutbox">Still queued in the monitor's outbox after the last cycle.</param>
internal sealed record NotificationFigures(long Expected, long Embeds, long Delivered, long Unexpected, long Lost, long Messages, int PendingInOutbox, IReadOnlyList<string> UnexpectedExamples);

/// <param name="DealerRequestsPerCycle">Listing, products.json and detail requests to the watched dealers per cycle after warm-up.</param>
internal sealed record WorkloadFigures(long ListingsAdded, long Repriced, long Removed, long InjectedSiteFailures, long UnexpectedSiteFailures, long MissedInjectedFailures, long HealthScrapes, long HealthScrapeFailures, double DealerRequestsPerCycle);

/// <param name="SampledAtCycle">The sample the figures come from (the checkpoint cycle itself is always sampled).</param>
/// <param name="PeakSoFarMb">The resident high-water mark up to that cycle.</param>
internal sealed record Checkpoint(string Name, long Cycle, long SampledAtCycle, double ResidentMb, double PeakSoFarMb, double LimitMb, bool WithinLimit);

internal sealed record LogFigures(long Warnings, long Errors, IReadOnlyList<string> FirstErrors);

/// <param name="Option">The command-line option that sets the limit; null for fixed checks.</param>
internal sealed record Verdict(string Name, string? Option, double Actual, double Limit, bool Passed);

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SoakSummary))]
internal sealed partial class SoakSummaryJsonContext : JsonSerializerContext;
