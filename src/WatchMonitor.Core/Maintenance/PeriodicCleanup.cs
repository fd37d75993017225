using Microsoft.Extensions.Logging;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Maintenance;

/// <summary>Every FORCE_GC_EVERY_N_CYCLES cycles: all cleanup steps, then a full collection, logged as one line with what both freed.</summary>
public sealed partial class PeriodicCleanup(
    CleanupRunner runner,
    MemoryMonitor monitor,
    MemoryOptions options,
    ILogger<PeriodicCleanup> logger)
{
    /// <param name="cycleNumber">The cycle just completed, counted from 1.</param>
    public bool IsDue(long cycleNumber) => cycleNumber > 0 && cycleNumber % options.ForceGcEveryNCycles == 0;

    /// <summary>Runs the cleanup when <paramref name="cycleNumber"/> (counted from 1) is due; null when it is not.</summary>
    public async Task<PeriodicCleanupResult?> RunIfDueAsync(long cycleNumber, CancellationToken cancellationToken)
    {
        if (!IsDue(cycleNumber))
        {
            return null;
        }

        // The cycle's memory line was just logged; the summary below carries the before and after figures.
        var residentBeforeMb = monitor.GetCurrentUsageMb();
        var report = await runner.RunAsync(CleanupLevel.Periodic, cancellationToken).ConfigureAwait(false);
        var collection = monitor.ForceGarbageCollection();
        Log.Done(
            logger,
            cycleNumber,
            report.Succeeded.Count,
            report.Succeeded.Count + report.Failed.Count,
            report.FreedMb,
            collection.Gen0Collections,
            collection.Gen1Collections,
            collection.Gen2Collections,
            collection.FreedMb,
            residentBeforeMb,
            collection.ResidentMbAfter,
            collection.HeapMbAfter);

        return new PeriodicCleanupResult(cycleNumber, report, collection);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Periodic cleanup after cycle {Cycle}: {Succeeded}/{Steps} steps succeeded and freed {StepsFreedMb:F1} MB; forced collection made {Gen0} gen0, {Gen1} gen1, {Gen2} gen2 collections and freed {FreedMb:F1} MB; resident {ResidentBeforeMb:F1} -> {ResidentAfterMb:F1} MB, GC heap now {HeapAfterMb:F1} MB")]
        public static partial void Done(ILogger logger, long cycle, int succeeded, int steps, double stepsFreedMb, int gen0, int gen1, int gen2, double freedMb, double residentBeforeMb, double residentAfterMb, double heapAfterMb);
    }
}

/// <summary>What one periodic cleanup did.</summary>
public sealed record PeriodicCleanupResult(long Cycle, CleanupReport Cleanup, CollectionResult Collection);
