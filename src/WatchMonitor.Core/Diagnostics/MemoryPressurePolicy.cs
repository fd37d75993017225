using Microsoft.Extensions.Logging;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// Above the warning threshold: collect and clean up. Above critical: collect aggressively, trim everything, and ask
/// for a graceful restart if memory stays above critical.
/// </summary>
public sealed partial class MemoryPressurePolicy(
    MemoryMonitor monitor,
    CleanupRunner cleanup,
    MemoryOptions options,
    ILogger<MemoryPressurePolicy> logger)
{
    public MemoryPressureLevel Classify(double residentMb) =>
        residentMb > options.CriticalThresholdMb ? MemoryPressureLevel.Critical
        : residentMb > options.WarningThresholdMb ? MemoryPressureLevel.Warning
        : MemoryPressureLevel.Normal;

    /// <param name="residentMb">Resident memory measured after the cycle (<see cref="MemoryMonitor.GetCurrentUsageMb"/>).</param>
    public async Task<MemoryPressureOutcome> EvaluateAsync(double residentMb, CancellationToken cancellationToken)
    {
        var level = Classify(residentMb);
        return level switch
        {
            MemoryPressureLevel.Critical => await HandleCriticalAsync(residentMb, cancellationToken).ConfigureAwait(false),
            MemoryPressureLevel.Warning => await HandleWarningAsync(residentMb, cancellationToken).ConfigureAwait(false),
            _ => new MemoryPressureOutcome(level, MemoryPressureDecision.Continue, residentMb, residentMb, null, []),
        };
    }

    private async Task<MemoryPressureOutcome> HandleWarningAsync(double residentMb, CancellationToken cancellationToken)
    {
        var snapshot = monitor.Snapshot();
        Log.AboveWarning(logger, residentMb, options.WarningThresholdMb, snapshot.GcHeapMb, snapshot.Gen2Mb, snapshot.LohMb, snapshot.CommittedMb);

        var immediate = monitor.ForceGarbageCollection();
        var report = await cleanup.RunAsync(CleanupLevel.Emergency, cancellationToken).ConfigureAwait(false);
        // A second pass reclaims what the cleanup just let go of; otherwise it would wait for the next full GC.
        var afterCleanup = monitor.ForceGarbageCollection();

        Log.WarningHandled(logger, residentMb, afterCleanup.ResidentMbAfter, report.Succeeded.Count, report.FreedMb, report.Failed.Count);
        return new MemoryPressureOutcome(MemoryPressureLevel.Warning, MemoryPressureDecision.Continue, residentMb, afterCleanup.ResidentMbAfter, report, [immediate, afterCleanup]);
    }

    private async Task<MemoryPressureOutcome> HandleCriticalAsync(double residentMb, CancellationToken cancellationToken)
    {
        var snapshot = monitor.Snapshot();
        Log.AboveCritical(logger, residentMb, options.CriticalThresholdMb, snapshot.GcHeapMb, snapshot.Gen2Mb, snapshot.LohMb, snapshot.CommittedMb);

        var immediate = monitor.ForceGarbageCollection(aggressive: true);
        var report = await cleanup.RunAsync(CleanupLevel.Minimum, cancellationToken).ConfigureAwait(false);
        var afterCleanup = monitor.ForceGarbageCollection(aggressive: true);
        var after = afterCleanup.ResidentMbAfter;

        if (after > options.CriticalThresholdMb)
        {
            Log.RestartNeeded(logger, after, options.CriticalThresholdMb, report.Failed.Count);
            return new MemoryPressureOutcome(MemoryPressureLevel.Critical, MemoryPressureDecision.RestartRequested, residentMb, after, report, [immediate, afterCleanup]);
        }

        Log.CriticalRelieved(logger, residentMb, after, options.CriticalThresholdMb);
        return new MemoryPressureOutcome(MemoryPressureLevel.Critical, MemoryPressureDecision.Continue, residentMb, after, report, [immediate, afterCleanup]);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Resident memory {ResidentMb:F0} MB is above MEMORY_WARNING_THRESHOLD_MB={WarningMb} (GC heap {GcHeapMb:F1} MB, gen2 {Gen2Mb:F1} MB, LOH {LohMb:F1} MB, committed {CommittedMb:F1} MB); collecting and running the emergency cleanup. If this repeats, lower MAX_SEEN_ITEMS_PER_SITE or MAX_SESSION_HISTORY_ENTRIES, or set MEMORY_PROFILING=true (docs/memory-profiling.md).")]
        public static partial void AboveWarning(ILogger logger, double residentMb, int warningMb, double gcHeapMb, double gen2Mb, double lohMb, double committedMb);

        [LoggerMessage(Level = LogLevel.Information, Message = "Emergency cleanup done: resident memory {BeforeMb:F0} -> {AfterMb:F0} MB, {Succeeded} step(s) succeeded and freed {StepsFreedMb:F1} MB, {Failed} failed; the monitor continues")]
        public static partial void WarningHandled(ILogger logger, double beforeMb, double afterMb, int succeeded, double stepsFreedMb, int failed);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Resident memory {ResidentMb:F0} MB is above MEMORY_CRITICAL_THRESHOLD_MB={CriticalMb} (GC heap {GcHeapMb:F1} MB, gen2 {Gen2Mb:F1} MB, LOH {LohMb:F1} MB, committed {CommittedMb:F1} MB); collecting aggressively and trimming every store to its minimum")]
        public static partial void AboveCritical(ILogger logger, double residentMb, int criticalMb, double gcHeapMb, double gen2Mb, double lohMb, double committedMb);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Resident memory is still {ResidentMb:F0} MB after trimming everything ({Failed} cleanup step(s) failed), above MEMORY_CRITICAL_THRESHOLD_MB={CriticalMb}: requesting a graceful restart. If this recurs, raise the thresholds to fit the VM or report it with a memory report (docs/memory-profiling.md).")]
        public static partial void RestartNeeded(ILogger logger, double residentMb, int criticalMb, int failed);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Trimming brought resident memory from {BeforeMb:F0} to {AfterMb:F0} MB, under MEMORY_CRITICAL_THRESHOLD_MB={CriticalMb}; the monitor continues without a restart")]
        public static partial void CriticalRelieved(ILogger logger, double beforeMb, double afterMb, int criticalMb);
    }
}

public enum MemoryPressureLevel
{
    /// <summary>At or below MEMORY_WARNING_THRESHOLD_MB.</summary>
    Normal,

    /// <summary>Above MEMORY_WARNING_THRESHOLD_MB, at or below MEMORY_CRITICAL_THRESHOLD_MB.</summary>
    Warning,

    /// <summary>Above MEMORY_CRITICAL_THRESHOLD_MB.</summary>
    Critical,
}

public enum MemoryPressureDecision
{
    Continue,

    /// <summary>Still above the critical threshold after everything was trimmed: stop gracefully and let the service manager start the monitor again.</summary>
    RestartRequested,

    /// <summary>A restart was due but <see cref="MemoryRestartBudget.MaxRestarts"/> happened within the hour: run on degraded.</summary>
    RestartLimitReached,
}

/// <summary>What <see cref="MemoryPressurePolicy.EvaluateAsync"/> found and did.</summary>
/// <param name="Cleanup">Null when memory was normal and nothing ran.</param>
/// <param name="Collections">The forced collections made, in order.</param>
public sealed record MemoryPressureOutcome(
    MemoryPressureLevel Level,
    MemoryPressureDecision Decision,
    double ResidentMbBefore,
    double ResidentMbAfter,
    CleanupReport? Cleanup,
    IReadOnlyList<CollectionResult> Collections)
{
    public bool RestartRequested => Decision == MemoryPressureDecision.RestartRequested;
}
