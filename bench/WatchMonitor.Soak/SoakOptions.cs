using WatchMonitor.Soak.Monitor;

namespace WatchMonitor.Soak;

/// <summary>One soak run: the workload, how it is measured, and the budgets it is judged by (bench/README.md).</summary>
internal sealed record SoakOptions
{
    /// <summary>
    /// Which build of the monitor runs; default NativeAOT, what docs/deployment.md recommends, so the soak measures
    /// what users run. Its publish is incremental: only the first run (or one after a product change) pays for it.
    /// </summary>
    public MonitorRuntime Monitor { get; init; } = MonitorRuntime.Aot;

    /// <summary>A prebuilt monitor: the NativeAOT binary, or with <see cref="MonitorRuntime.Jit"/> its dll; null = build it.</summary>
    public string? MonitorPath { get; init; }

    /// <summary>Monitoring cycles to run; default 10,000 (about five weeks at the default 5-minute interval).</summary>
    public int Cycles { get; init; } = 10_000;

    /// <summary>Cycles between memory samples; default 10.</summary>
    public int SampleEvery { get; init; } = 10;

    /// <summary>Listings each fake dealer shows; default 48 (two Rüschenbeck pages).</summary>
    public int ListingsPerSite { get; init; } = 48;

    /// <summary>New listings per site per cycle; default 5.</summary>
    public int Churn { get; init; } = 5;

    /// <summary>Listings re-priced per site per cycle; default 1.</summary>
    public int Reprices { get; init; } = 1;

    /// <summary>Listings removed per site per cycle; default null = as many as <see cref="Churn"/> adds, so pages keep their size.</summary>
    public int? Removals { get; init; }

    /// <summary>Every this many cycles one site (in turn) answers 500 to every listing request; default 25, 0 = never.</summary>
    public int FailEvery { get; init; } = 25;

    /// <summary>Every this many samples, a second sample after a forced full collection; default 5.</summary>
    public int FullGcEvery { get; init; } = 5;

    /// <summary>Start from empty state files instead of state as full as months of running leave it.</summary>
    public bool Fresh { get; init; }

    /// <summary>Also sample the monitor's allocations by type after warm-up (costs some speed).</summary>
    public bool AllocationProfile { get; init; }

    /// <summary>Seconds of wall time between loads of the dashboard (<c>/</c> and <c>/api/listings</c>) during the run; default 0 = none.</summary>
    public int PollDashboardSeconds { get; init; }

    /// <summary>
    /// Dealers the monitor watches: the six built-in ones plus configured platform shops (the four fake ones, then
    /// copies of them), with the monitor's settings as in service (DETAIL_PAGE_DELAY, retries and timeouts at their
    /// defaults) and the workload's changes spread over all dealers in turn; null = the six, soak settings.
    /// </summary>
    public int? Dealers { get; init; }

    /// <summary>Milliseconds every dealer page takes to answer, as over the internet; default 0 (loopback).</summary>
    public int LatencyMs { get; init; }

    /// <summary>MAX_CONCURRENT_SCRAPERS for the monitor; null = its default.</summary>
    public int? MaxConcurrentScrapers { get; init; }

    /// <summary>Seed of every random choice of the workload; default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Where state files, the monitor's log and the reports go; null = a new temporary directory.</summary>
    public string? Out { get; init; }

    public double MaxPeakRssMb { get; init; } = 150;

    public double MaxRssSlopeKb { get; init; } = 1;

    public double MaxHeapSlopeKb { get; init; } = 0.5;

    public long MaxLost { get; init; }

    /// <summary>The design's cycle interval: the fake Discord's clock moves this far per cycle, and checkpoints are counted in it.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(5);

    public int EffectiveRemovals => Removals ?? Churn;

    /// <summary>Whether this is a scale run (<see cref="Dealers"/>): settings as in service, changes spread over the dealers.</summary>
    public bool ScaleRun => Dealers is not null;

    /// <summary>The built-in dealers, always watched.</summary>
    public const int BuiltInDealers = 6;

    /// <summary>Every problem with the options, one message each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, "--cycles", Cycles);
        Positive(errors, "--sample-every", SampleEvery);
        Positive(errors, "--full-gc-every", FullGcEvery);
        NotNegative(errors, "--churn", Churn);
        NotNegative(errors, "--reprices", Reprices);
        NotNegative(errors, "--removals", EffectiveRemovals);
        NotNegative(errors, "--fail-every", FailEvery);
        NotNegative(errors, "--poll-dashboard-seconds", PollDashboardSeconds);
        NotNegative(errors, "--latency-ms", LatencyMs);
        if (Dealers is < BuiltInDealers or > 1000)
        {
            errors.Add($"--dealers {Dealers}: use {BuiltInDealers} (the built-in dealers) to 1000.");
        }

        if (MaxConcurrentScrapers is < 1 or > 16)
        {
            errors.Add($"--max-concurrent-scrapers {MaxConcurrentScrapers}: use 1 to 16, as the monitor allows.");
        }
        if (ListingsPerSite < 1 || ListingsPerSite > 250)
        {
            // Watch Out's products.json shows at most 250, so more would hide listings from the monitor.
            errors.Add($"--listings-per-site {ListingsPerSite}: use 1 to 250.");
        }

        if (Reprices + EffectiveRemovals > ListingsPerSite)
        {
            errors.Add($"--reprices {Reprices} plus --removals {EffectiveRemovals} exceed --listings-per-site {ListingsPerSite}.");
        }

        if (MaxPeakRssMb <= 0 || MaxRssSlopeKb < 0 || MaxHeapSlopeKb < 0 || MaxLost < 0)
        {
            errors.Add("Budgets must not be negative (peak above 0).");
        }

        return errors;
    }

    private static void Positive(List<string> errors, string name, int value)
    {
        if (value < 1)
        {
            errors.Add($"{name} {value}: use a positive number.");
        }
    }

    private static void NotNegative(List<string> errors, string name, int value)
    {
        if (value < 0)
        {
            errors.Add($"{name} {value}: use 0 or more.");
        }
    }
}
