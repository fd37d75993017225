using WatchMonitor.Maintenance;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Diagnostics;

/// <summary>The memory work after each cycle: log, profile, degraded mode, periodic cleanup, pressure policy.</summary>
public sealed class MemoryGovernor(
    MemoryMonitor monitor,
    MemoryProfiler profiler,
    DegradationController degradation,
    PeriodicCleanup periodicCleanup,
    MemoryPressurePolicy pressurePolicy,
    MemoryOptions options,
    MemoryRestartBudget? restartBudget = null)
{
    public bool IsDegraded => degradation.IsDegraded;

    public CycleSettings Apply(CycleSettings settings) => degradation.Apply(settings);

    /// <param name="cycleNumber">The cycle just completed, counted from 1.</param>
    public async Task<MemoryCycleOutcome> AfterCycleAsync(long cycleNumber, CancellationToken cancellationToken)
    {
        var snapshot = monitor.LogMemoryStats($"after cycle {cycleNumber}");
        await profiler.RecordCycleAsync(cycleNumber, snapshot, cancellationToken).ConfigureAwait(false);
        // Degradation follows what the cycle itself used, not what the cleanup below wins back, so a cycle that
        // keeps pushing memory over the threshold stays narrowed instead of flapping.
        var degraded = degradation.Update(snapshot.ResidentMb);
        var periodic = await periodicCleanup.RunIfDueAsync(cycleNumber, cancellationToken).ConfigureAwait(false);
        var residentMb = periodic?.Collection.ResidentMbAfter
            ?? (options.ReleaseMemoryBetweenCycles ? monitor.ReleaseBetweenCycles() : snapshot.ResidentMb);
        var pressure = await pressurePolicy.EvaluateAsync(residentMb, cancellationToken).ConfigureAwait(false);
        var decision = pressure.Decision;
        if (decision == MemoryPressureDecision.RestartRequested && restartBudget is not null
            && !await restartBudget.TryTakeAsync(cancellationToken).ConfigureAwait(false))
        {
            decision = MemoryPressureDecision.RestartLimitReached;
        }

        return new MemoryCycleOutcome(cycleNumber, snapshot.ResidentMb, pressure.ResidentMbAfter, pressure.Level, decision, degraded, periodic);
    }
}

/// <summary>What the memory work after one cycle found and did.</summary>
/// <param name="ResidentMb">Resident memory when the cycle ended.</param>
/// <param name="ResidentMbAfter">Resident memory after any cleanup and collection.</param>
/// <param name="Degraded">Whether the next cycle runs degraded.</param>
/// <param name="PeriodicCleanup">Null when no periodic cleanup was due.</param>
public sealed record MemoryCycleOutcome(
    long Cycle,
    double ResidentMb,
    double ResidentMbAfter,
    MemoryPressureLevel Level,
    MemoryPressureDecision Decision,
    bool Degraded,
    PeriodicCleanupResult? PeriodicCleanup)
{
    public bool RestartRequested => Decision == MemoryPressureDecision.RestartRequested;
}
