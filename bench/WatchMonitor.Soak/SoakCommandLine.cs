using System.CommandLine;
using WatchMonitor.Soak.Monitor;

namespace WatchMonitor.Soak;

/// <summary><c>WatchMonitor.Soak [options]</c>; exit 0 when every budget holds, 1 when one is exceeded, 2 on bad options.</summary>
internal static class SoakCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var defaults = new SoakOptions();
        var monitor = new Option<MonitorRuntime>("--monitor")
        {
            Description = "The monitor build to measure: aot (NativeAOT, published for this machine first) or jit (dotnet exec) (default aot)",
            DefaultValueFactory = _ => defaults.Monitor,
        };
        var monitorPath = new Option<string?>("--monitor-path") { Description = "A prebuilt monitor to run instead: the NativeAOT binary, or with --monitor jit the WatchMonitor.Soak.Monitor.dll" };
        var cycles = Int("--cycles", "Monitoring cycles to run", defaults.Cycles);
        var sampleEvery = Int("--sample-every", "Cycles between memory samples", defaults.SampleEvery);
        var listingsPerSite = Int("--listings-per-site", "Listings each fake dealer shows", defaults.ListingsPerSite);
        var churn = Int("--churn", "New listings per site per cycle", defaults.Churn);
        var reprices = Int("--reprices", "Listings re-priced per site per cycle", defaults.Reprices);
        var removals = new Option<int?>("--removals") { Description = "Listings removed per site per cycle (default: as many as --churn adds)" };
        var failEvery = Int("--fail-every", "Every N cycles one site, in turn, fails every listing request (0: never)", defaults.FailEvery);
        var fullGcEvery = Int("--full-gc-every", "Every K samples, one more after a forced full collection", defaults.FullGcEvery);
        var fresh = new Option<bool>("--fresh") { Description = "Start from empty state files instead of state as full as months of running leave it" };
        var allocationProfile = new Option<bool>("--allocation-profile") { Description = "Sample the monitor's allocations by type after warm-up and list the top types" };
        var pollDashboard = Int("--poll-dashboard-seconds", "Seconds between loads of the monitor's dashboard and /api/listings during the run, as a browser left open would (0: none)", defaults.PollDashboardSeconds);
        var dealers = new Option<int?>("--dealers") { Description = "Watch N dealers: the six built-in ones plus configured copies of the fake platform shops, with the monitor's settings as in service and the workload's changes spread over all dealers (default: the six, soak settings)" };
        var latency = Int("--latency-ms", "Milliseconds every dealer page takes to answer", defaults.LatencyMs);
        var scrapers = new Option<int?>("--max-concurrent-scrapers") { Description = "MAX_CONCURRENT_SCRAPERS for the monitor (default: the monitor's own)" };
        var seed = Int("--seed", "Seed of the workload's random choices", defaults.Seed);
        var outDirectory = new Option<string?>("--out") { Description = "Directory for soak.csv, summary.json, soak.svg, the monitor's log and state (default: a new temporary directory)" };
        var maxPeak = Double("--max-peak-rss-mb", "Budget: highest resident memory of the monitor process, MB", defaults.MaxPeakRssMb);
        var maxRssSlope = Double("--max-rss-slope-kb", "Budget: resident growth after warm-up, KB per cycle", defaults.MaxRssSlopeKb);
        var maxHeapSlope = Double("--max-heap-slope-kb", "Budget: managed-heap growth after warm-up (after full collections), KB per cycle", defaults.MaxHeapSlopeKb);
        var maxLost = new Option<long>("--max-lost") { Description = "Budget: notifications expected but not received", DefaultValueFactory = _ => defaults.MaxLost };

        var root = new RootCommand("Soak benchmark: runs the real monitor against the fake dealer sites and fake Discord for many cycles and reports memory per cycle. See bench/README.md.")
        {
            monitor, monitorPath, cycles, sampleEvery, listingsPerSite, churn, reprices, removals, failEvery, fullGcEvery, fresh, allocationProfile, pollDashboard, dealers, latency, scrapers, seed, outDirectory,
            maxPeak, maxRssSlope, maxHeapSlope, maxLost,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            var options = new SoakOptions
            {
                Monitor = result.GetValue(monitor),
                MonitorPath = result.GetValue(monitorPath),
                Cycles = result.GetValue(cycles),
                SampleEvery = result.GetValue(sampleEvery),
                ListingsPerSite = result.GetValue(listingsPerSite),
                Churn = result.GetValue(churn),
                Reprices = result.GetValue(reprices),
                Removals = result.GetValue(removals),
                FailEvery = result.GetValue(failEvery),
                FullGcEvery = result.GetValue(fullGcEvery),
                Fresh = result.GetValue(fresh),
                AllocationProfile = result.GetValue(allocationProfile),
                PollDashboardSeconds = result.GetValue(pollDashboard),
                Dealers = result.GetValue(dealers),
                LatencyMs = result.GetValue(latency),
                MaxConcurrentScrapers = result.GetValue(scrapers),
                Seed = result.GetValue(seed),
                Out = result.GetValue(outDirectory),
                MaxPeakRssMb = result.GetValue(maxPeak),
                MaxRssSlopeKb = result.GetValue(maxRssSlope),
                MaxHeapSlopeKb = result.GetValue(maxHeapSlope),
                MaxLost = result.GetValue(maxLost),
            };
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("error: " + error).ConfigureAwait(false);
                }

                return 2;
            }

            var summary = await new SoakRun(options, Console.Out).RunAsync(cancellationToken).ConfigureAwait(false);
            return summary.Passed ? 0 : 1;
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            return 2;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }

    private static Option<int> Int(string name, string description, int defaultValue) =>
        new(name) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };

    private static Option<double> Double(string name, string description, double defaultValue) =>
        new(name) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };
}
