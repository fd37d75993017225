using WatchMonitor.Diagnostics;

namespace WatchMonitor.Maintenance;

/// <summary>What each step of one cleanup pass freed, and which steps failed (with the reason).</summary>
public sealed record CleanupReport(CleanupLevel Level, IReadOnlyList<CleanupStepOutcome> Steps, IReadOnlyList<CleanupFailure> Failed)
{
    public bool AllSucceeded => Failed.Count == 0;

    public IReadOnlyList<string> Succeeded => [.. Steps.Select(step => step.Step)];

    /// <summary>The sum of what the measuring steps freed; a step whose target grew counts as zero.</summary>
    public long BytesFreed => Steps.Sum(step => Math.Max(0, step.Freed?.BytesFreed ?? 0));

    public double FreedMb => MemoryUnits.ToMb(BytesFreed);
}

/// <param name="Freed">Null when the step does not measure what it frees.</param>
public sealed record CleanupStepOutcome(string Step, CleanupFreed? Freed, TimeSpan Duration);

public sealed record CleanupFailure(string Step, string Error);
