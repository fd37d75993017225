using WatchMonitor.Soak.Monitor;
using WatchMonitor.Soak.Workload;

namespace WatchMonitor.Soak.Report;

/// <summary>Everything a run measured and counted, from which <see cref="SoakSummary"/> is computed.</summary>
internal sealed class SoakResults(SoakOptions options, StatePaths paths, int cycleCapacity)
{
    public SoakOptions Options { get; } = options;

    public StatePaths Paths { get; } = paths;

    public List<SoakRow> Rows { get; } = [];

    /// <summary>Wall time of every completed cycle, index 0 = cycle 1.</summary>
    public List<double> CycleMs { get; } = new(cycleCapacity);

    /// <summary>How long each cycle's alerts took to be delivered after it, index 0 = cycle 1.</summary>
    public List<double> DeliveryWaitMs { get; } = new(cycleCapacity);

    /// <summary>Cycles whose alerts were still not all delivered when the soak stopped waiting.</summary>
    public long UnsettledCycles { get; set; }

    /// <summary>Whether the monitor's resident high-water mark was reset after warm-up, so later peaks are steady-state peaks.</summary>
    public bool SteadyPeakMeasured { get; set; }

    public int CompletedCycles => CycleMs.Count;

    /// <summary>Why the run ended early (interrupted, the monitor process died); null when all cycles ran.</summary>
    public string? Aborted { get; set; }

    public MonitorReady? Ready { get; set; }

    /// <summary>The monitor build the run started; null when it could not be built.</summary>
    public MonitorBinary? Monitor { get; set; }

    public MonitorStopped? Stopped { get; set; }

    public CycleResult? LastCycle { get; set; }

    public NotificationLedger Ledger { get; } = new();

    public ChurnWorkload Workload { get; set; } = null!;

    public string? DotnetSdk { get; set; }

    public string? LoadAverageAtStart { get; } = LoadAverage.Read();

    /// <summary>Scans that failed without the workload injecting a failure (timeouts on a loaded machine, bugs).</summary>
    public long UnexpectedSiteFailures { get; set; }

    /// <summary>Injected failures the monitor did not report as failed scans.</summary>
    public long MissedInjectedFailures { get; set; }

    public long CycleExceptions { get; set; }

    public string? FirstCycleException { get; set; }

    public bool RestartRequested { get; set; }

    public long HealthScrapes { get; set; }

    public long HealthScrapeFailures { get; set; }

    /// <summary>Listing, products.json and detail requests the watched dealers answered in the whole run.</summary>
    public long DealerRequests { get; set; }

    /// <summary>The same, up to the end of the warm-up.</summary>
    public long DealerRequestsInWarmUp { get; set; }

    public TimeSpan Elapsed { get; set; }
}
