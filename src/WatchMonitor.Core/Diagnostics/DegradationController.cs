using Microsoft.Extensions.Logging;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// Degraded mode (no detail pages, one site at a time) from the first cycle above the warning threshold until
/// MEMORY_RECOVERY_CYCLES cycles in a row end below it, so one good reading does not flip it back. Thread-safe.
/// </summary>
public sealed partial class DegradationController(
    MemoryOptions options,
    TimeProvider timeProvider,
    ILogger<DegradationController> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private int _cyclesBelowWarning;

    public bool IsDegraded
    {
        get
        {
            lock (_gate)
            {
                return _since is not null;
            }
        }
    }

    /// <summary>When degraded mode began; null when not degraded.</summary>
    public DateTimeOffset? Since
    {
        get
        {
            lock (_gate)
            {
                return _since;
            }
        }
    }

    /// <summary>Consecutive cycles at or below the warning threshold while degraded.</summary>
    public int CyclesBelowWarning
    {
        get
        {
            lock (_gate)
            {
                return _cyclesBelowWarning;
            }
        }
    }

    /// <summary>Call once after every cycle with the resident memory measured at its end.</summary>
    /// <returns>Whether the next cycle runs degraded.</returns>
    public bool Update(double residentMb)
    {
        lock (_gate)
        {
            if (residentMb > options.WarningThresholdMb)
            {
                _cyclesBelowWarning = 0;
                if (_since is null)
                {
                    _since = timeProvider.GetUtcNow();
                    Log.Entered(logger, residentMb, options.WarningThresholdMb, options.RecoveryCycles);
                }

                return true;
            }

            if (_since is not { } since)
            {
                return false;
            }

            _cyclesBelowWarning++;
            if (_cyclesBelowWarning < options.RecoveryCycles)
            {
                return true;
            }

            var degradedFor = timeProvider.GetUtcNow() - since;
            _since = null;
            _cyclesBelowWarning = 0;
            Log.Left(logger, options.RecoveryCycles, residentMb, degradedFor.TotalMinutes);
            return false;
        }
    }

    public CycleSettings Apply(CycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return IsDegraded ? settings with { MaxConcurrentSites = 1, DetailScraping = false } : settings;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Degraded mode on: resident memory {ResidentMb:F0} MB is above MEMORY_WARNING_THRESHOLD_MB={WarningMb}. Detail pages are skipped and sites are scanned one at a time until memory stays at or below the threshold for {RecoveryCycles} cycles in a row.")]
        public static partial void Entered(ILogger logger, double residentMb, int warningMb, int recoveryCycles);

        [LoggerMessage(Level = LogLevel.Information, Message = "Degraded mode off: resident memory stayed at or below the warning threshold for {RecoveryCycles} cycles (now {ResidentMb:F0} MB) after {Minutes:F0} min degraded; detail pages and normal concurrency resume")]
        public static partial void Left(ILogger logger, int recoveryCycles, double residentMb, double minutes);
    }
}
