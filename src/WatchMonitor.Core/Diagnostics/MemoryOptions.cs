using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// Memory thresholds, periodic collection and profiling, under environment-style names like the rest of the
/// configuration. Bound from the configuration root; checked at start with <see cref="Validate"/>.
/// </summary>
public sealed class MemoryOptions
{
    /// <summary>
    /// Resident memory (MB) above which a cycle is followed by an immediate collection and emergency cleanup, and
    /// the monitor runs degraded (no detail pages, one site at a time); default 400, 32–65536.
    /// </summary>
    [ConfigurationKeyName("MEMORY_WARNING_THRESHOLD_MB")]
    public int WarningThresholdMb { get; set; } = 400;

    /// <summary>
    /// Resident memory (MB) above which everything is trimmed to its minimum and, if that does not bring memory
    /// back under it, a graceful restart is requested; default 500, 32–65536, above the warning threshold.
    /// </summary>
    [ConfigurationKeyName("MEMORY_CRITICAL_THRESHOLD_MB")]
    public int CriticalThresholdMb { get; set; } = 500;

    /// <summary>Cycles between periodic cleanups and forced collections (cycles 10, 20, …); default 10, 1–10000.</summary>
    [ConfigurationKeyName("FORCE_GC_EVERY_N_CYCLES")]
    public int ForceGcEveryNCycles { get; set; } = 10;

    /// <summary>
    /// After each cycle without a periodic cleanup, hands the cycle's memory back to the OS before idling (an
    /// aggressive collection and <c>malloc_trim</c>); default true.
    /// </summary>
    [ConfigurationKeyName("RELEASE_MEMORY_BETWEEN_CYCLES")]
    public bool ReleaseMemoryBetweenCycles { get; set; } = true;

    /// <summary>Consecutive cycles at or below the warning threshold before degraded mode ends; default 3, 1–1000.</summary>
    [ConfigurationKeyName("MEMORY_RECOVERY_CYCLES")]
    public int RecoveryCycles { get; set; } = 3;

    /// <summary>Appends one CSV row of memory readings per cycle and draws a chart of them; default false.</summary>
    [ConfigurationKeyName("MEMORY_PROFILING")]
    public bool Profiling { get; set; }

    /// <summary>Folder for the profiling CSV, chart and JSON memory reports; default "reports" (relative to the working directory).</summary>
    [ConfigurationKeyName("MEMORY_REPORTS_DIR")]
    public string ReportsDirectory { get; set; } = "reports";

    /// <summary>
    /// With profiling on, cycles between redraws of <c>memory-report.svg</c> and <c>memory-report.md</c>; default 12
    /// (hourly at the default interval), 0 draws only on request, 0–100000.
    /// </summary>
    [ConfigurationKeyName("MEMORY_REPORT_EVERY_N_CYCLES")]
    public int ReportEveryNCycles { get; set; } = 12;

    public long WarningThresholdBytes => WarningThresholdMb * MemoryUnits.BytesPerMb;

    public long CriticalThresholdBytes => CriticalThresholdMb * MemoryUnits.BytesPerMb;

    /// <summary>
    /// Every problem with <paramref name="options"/>, one message each naming the key, the value and what is
    /// accepted; empty when the options are usable.
    /// </summary>
    public static IReadOnlyList<string> Validate(MemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Range(errors, "MEMORY_WARNING_THRESHOLD_MB", options.WarningThresholdMb, 32, 65_536, "MB");
        Range(errors, "MEMORY_CRITICAL_THRESHOLD_MB", options.CriticalThresholdMb, 32, 65_536, "MB");
        if (options.CriticalThresholdMb <= options.WarningThresholdMb)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"MEMORY_CRITICAL_THRESHOLD_MB={options.CriticalThresholdMb} must be above MEMORY_WARNING_THRESHOLD_MB={options.WarningThresholdMb}: raise the critical threshold or lower the warning one (defaults 500 and 400)."));
        }

        Range(errors, "FORCE_GC_EVERY_N_CYCLES", options.ForceGcEveryNCycles, 1, 10_000, "cycles");
        Range(errors, "MEMORY_RECOVERY_CYCLES", options.RecoveryCycles, 1, 1_000, "cycles");
        Range(errors, "MEMORY_REPORT_EVERY_N_CYCLES", options.ReportEveryNCycles, 0, 100_000, "cycles");
        if (string.IsNullOrWhiteSpace(options.ReportsDirectory))
        {
            errors.Add("MEMORY_REPORTS_DIR is empty: set it to a writable folder or remove it for the default (reports).");
        }

        return errors;
    }

    /// <summary>How far above the resident memory after start-up the critical threshold must be.</summary>
    public const double BaselineHeadroom = 1.5;

    /// <summary>
    /// Null when <paramref name="criticalThresholdMb"/> leaves room above <paramref name="baselineResidentMb"/> (the
    /// resident memory right after start-up); otherwise why not and what to set. A threshold the process reaches by
    /// merely starting would restart it after every cycle.
    /// </summary>
    public static string? CheckBaseline(int criticalThresholdMb, double baselineResidentMb)
    {
        var needed = (int)Math.Ceiling(baselineResidentMb * BaselineHeadroom);
        return criticalThresholdMb >= needed ? null : string.Create(CultureInfo.InvariantCulture,
            $"MEMORY_CRITICAL_THRESHOLD_MB={criticalThresholdMb} is below 1.5 x the {baselineResidentMb:F0} MB resident memory measured after start-up: the monitor would restart after every cycle. Set it to at least {needed} (default 500) and MEMORY_WARNING_THRESHOLD_MB below it.");
    }

    private static void Range(List<string> errors, string key, int value, int min, int max, string unit)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{key}={value} is out of range: use a value from {min} to {max} {unit}, or remove it for the default."));
        }
    }
}
