using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WatchMonitor.Demo.Listings;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.FakeSites.Rendering;
using WatchMonitor.Soak.Monitor;
using WatchMonitor.Soak.Report;
using WatchMonitor.Soak.Workload;

namespace WatchMonitor.Soak;

/// <summary>
/// One soak run: fake sites and Discord in this process, the monitor in its own (<see cref="MonitorProcess"/>), the
/// workload changing the sites before every cycle, the ledger checking what Discord received after it, memory
/// sampled as the options say; then <c>soak.csv</c>, <c>summary.json</c> and <c>soak.svg</c>.
/// </summary>
internal sealed class SoakRun(SoakOptions options, TextWriter output)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <returns>The summary, also when the run ended early (it then says why).</returns>
    public async Task<SoakSummary> RunAsync(CancellationToken cancellationToken)
    {
        var outDirectory = Path.GetFullPath(options.Out ?? Path.Combine(Path.GetTempPath(), "watchmon-soak-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(outDirectory);
        var paths = new StatePaths(Path.Combine(outDirectory, "state"));
        if (Directory.Exists(paths.Directory))
        {
            Directory.Delete(paths.Directory, recursive: true);
        }

        Directory.CreateDirectory(paths.Directory);
        var results = new SoakResults(options, paths, options.Cycles) { DotnetSdk = await DotnetSdkVersionAsync(cancellationToken).ConfigureAwait(false) };
        var clock = new CycleClock(SoakOptions.Interval);
        var stopwatch = Stopwatch.StartNew();
        await using var server = await FakeSitesServer.StartAsync(0, new FakeSitesOptions
        {
            Seed = options.Seed,
            InitialListingsPerSite = 0,
            TimeProvider = clock,
            PlatformShopCopies = Math.Max(0, (options.Dealers ?? 0) - SoakOptions.BuiltInDealers - SiteRenderers.Platforms.Count),
            ResponseLatency = TimeSpan.FromMilliseconds(options.LatencyMs),
        }, cancellationToken).ConfigureAwait(false);
        var configuredShops = ConfiguredShops(server);
        var workload = new ChurnWorkload(server, [.. server.Sites, .. configuredShops], options, results.Ledger);
        results.Workload = workload;
        workload.Populate();
        if (!options.Fresh)
        {
            var now = TimeProvider.System.GetUtcNow();
            var seen = await StatePrefill.WriteSeenAsync(paths.Seen, paths.SeenCompanion, server, options.Seed, now, cancellationToken).ConfigureAwait(false);
            var sessions = await StatePrefill.WriteHistoryAsync(paths.History, now, TimeZoneInfo.Local, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"state prefilled: {seen:N0} seen ids per site, {sessions:N0} sessions, as the JSON files the monitor imports at its first start");
        }

        var launchPath = Path.Combine(outDirectory, "monitor-launch.json");
        await File.WriteAllTextAsync(launchPath, JsonSerializer.Serialize(
            new MonitorLaunch(
                MonitorConfiguration(server, paths, configuredShops),
                Path.Combine(outDirectory, "monitor.log"),
                options.AllocationProfile ? SoakSummary.WarmUpCycles(options.Cycles) + 1 : null),
            MonitorProtocolJsonContext.Default.MonitorLaunch), cancellationToken).ConfigureAwait(false);

        var csv = await SoakCsv.CreateAsync(Path.Combine(outDirectory, "soak.csv")).ConfigureAwait(false);
        await using (csv.ConfigureAwait(false))
        {
            try
            {
                // The run's time leaves the publish out; the summary shows it on its own.
                stopwatch.Stop();
                var binary = options.Monitor == MonitorRuntime.Aot
                    ? await MonitorBinary.ForAotAsync(options.MonitorPath, output, cancellationToken).ConfigureAwait(false)
                    : MonitorBinary.ForJit(options.MonitorPath);
                results.Monitor = binary;
                stopwatch.Start();
                await using var monitor = await MonitorProcess.StartAsync(binary, launchPath, paths.Directory, cancellationToken).ConfigureAwait(false);
                results.Ready = monitor.Ready;
                var runtime = monitor.Ready.Runtime;
                output.WriteLine($"monitor process up: runtime: {runtime.Runtime}, {runtime.Framework}, {(runtime.ServerGc ? "server" : "workstation")} GC, {(runtime.ConcurrentGc ? "concurrent" : "non-concurrent")}, conserve memory {runtime.ConserveMemory ?? "default"} ({binary.Binary}); resident {Mb(monitor.Ready.Memory.ResidentBytes):F1} MB before the first cycle");
                using var health = new HealthScraper(monitor.Ready.HealthUrl);
                await using var dashboard = DashboardPoller.Start(monitor.Ready.HealthUrl, options.PollDashboardSeconds);
                await RunCyclesAsync(monitor, server, workload, clock, health, csv, results, stopwatch, cancellationToken).ConfigureAwait(false);

                if (dashboard is not null)
                {
                    output.WriteLine(dashboard.Describe());
                }

                results.Stopped = await monitor.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MonitorBuildException exception)
            {
                results.Aborted = exception.Message;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                results.Aborted = $"interrupted after {results.CompletedCycles} cycles";
            }
            catch (MonitorProcessExitedException exception)
            {
                results.Aborted = exception.Message;
            }
        }

        results.Elapsed = stopwatch.Elapsed;
        var summary = SoakSummary.From(results, TimeProvider.System.GetLocalNow().ToString("yyyy-MM-dd", Invariant));
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "summary.json"), JsonSerializer.Serialize(summary, SoakSummaryJsonContext.Default.SoakSummary), CancellationToken.None).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "soak.svg"), SoakChart.Render(results.Rows, summary), CancellationToken.None).ConfigureAwait(false);
        SummaryText.Write(output, summary, outDirectory);
        return summary;
    }

    private async Task RunCyclesAsync(
        MonitorProcess monitor,
        FakeSitesServer server,
        ChurnWorkload workload,
        CycleClock clock,
        HealthScraper health,
        SoakCsv csv,
        SoakResults results,
        Stopwatch stopwatch,
        CancellationToken cancellationToken)
    {
        var progressEvery = Math.Max(1, options.Cycles / 20);
        var checkpoints = SoakSummary.DesignCheckpoints.Select(checkpoint => checkpoint.Cycle).ToHashSet();
        var samples = 0;
        var warmUp = SoakSummary.WarmUpCycles(options.Cycles);
        for (long cycle = 1; cycle <= options.Cycles; cycle++)
        {
            // Samples fall half-way between the monitor's own collections (every 10th cycle by default), where the
            // heap holds an ordinary amount of garbage; the last cycle and the design's checkpoints are always sampled.
            var regular = cycle % options.SampleEvery == options.SampleEvery / 2;
            var forced = cycle == options.Cycles || (regular && ++samples % options.FullGcEvery == 0);
            var sample = regular || forced || checkpoints.Contains(cycle);

            // A fresh start's first cycle is the silent baseline: it records what is listed, so nothing may change yet.
            var failing = cycle == 1 && options.Fresh ? null : workload.BeforeCycle(cycle);
            var result = await monitor.RunCycleAsync(cycle, sample, forced, cancellationToken).ConfigureAwait(false);
            if (cycle == warmUp)
            {
                results.SteadyPeakMeasured = PeakResident.Reset(monitor.ProcessId);
                results.DealerRequestsInWarmUp = DealerRequests(server, workload);
            }
            else if (cycle == options.Cycles)
            {
                results.DealerRequests = DealerRequests(server, workload);
            }

            Account(result, failing, results);
            workload.AfterCycle(failing, result.FailedSites);
            results.Ledger.Collect(server.Discord);
            clock.NextCycle();
            await health.ScrapeAsync(results, cancellationToken).ConfigureAwait(false);

            var files = sample ? StateFileSizes.Read(results.Paths, monitor.ProcessId) : default;
            foreach (var (memory, isForced) in new[] { (result.Memory, false), (result.AfterCollection, true) })
            {
                if (memory is { } reading)
                {
                    var row = new SoakRow(cycle, isForced, reading, result.ElapsedMs, files);
                    results.Rows.Add(row);
                    await csv.WriteAsync(row).ConfigureAwait(false);
                }
            }

            if (cycle % progressEvery == 0 || cycle == options.Cycles)
            {
                Progress(results, cycle, progressEvery, stopwatch.Elapsed);
            }
        }
    }

    private static long DealerRequests(FakeSitesServer server, ChurnWorkload workload) => workload.SiteKeys.Sum(key =>
        server.Requests.Count(key, FaultRoute.Listing) + server.Requests.Count(key, FaultRoute.ProductsJson) + server.Requests.Count(key, FaultRoute.Detail));

    private static void Account(CycleResult result, string? failing, SoakResults results)
    {
        results.CycleMs.Add(result.ElapsedMs);
        results.DeliveryWaitMs.Add(result.DeliveryWaitMs);
        results.UnsettledCycles += result.DeliverySettled ? 0 : 1;
        results.LastCycle = result;
        results.UnexpectedSiteFailures += result.FailedSites.Count(site => site != failing);
        if (failing is not null && !result.FailedSites.Contains(failing))
        {
            results.MissedInjectedFailures++;
        }

        if (result.Exception is not null)
        {
            results.CycleExceptions++;
            results.FirstCycleException ??= $"cycle {result.Cycle}: {result.Exception}";
        }

        results.RestartRequested |= result.RestartRequested;
    }

    private void Progress(SoakResults results, long cycle, int window, TimeSpan elapsed)
    {
        var recent = results.CycleMs.Skip(Math.Max(0, results.CycleMs.Count - window)).ToList();
        var last = results.Rows.LastOrDefault(row => !row.Forced);
        var left = TimeSpan.FromTicks(elapsed.Ticks / cycle * (options.Cycles - cycle));
        output.WriteLine(string.Create(Invariant,
            $"cycle {cycle,6}/{options.Cycles}: resident {Mb(last.Memory.ResidentBytes),6:F1} MB, managed {Mb(last.Memory.GcHeapBytes),5:F1} MB, cycle p50 {Statistics.Median(recent),5:F0} ms, notifications {results.Ledger.Delivered}/{results.Ledger.Expected}, {elapsed.TotalMinutes:F1} min elapsed, ~{left.TotalMinutes:F0} min left"));
    }

    /// <summary>The dealers a scale run adds by configuration: the fake platform shops, then their copies.</summary>
    private List<FakeSite> ConfiguredShops(FakeSitesServer server) =>
        [.. server.PlatformShops.Concat(server.PlatformShopCopies).Take(Math.Max(0, (options.Dealers ?? 0) - SoakOptions.BuiltInDealers))];

    /// <summary>
    /// The monitor's settings: the fake sites and webhooks, state in the soak's directory; no waiting, except in a
    /// scale run, which keeps the service's delays, retries and timeouts, since they are what a cycle's length is made of.
    /// </summary>
    private Dictionary<string, string?> MonitorConfiguration(FakeSitesServer server, StatePaths paths, IEnumerable<FakeSite> configuredShops)
    {
        var configuration = new Dictionary<string, string?>(server.MonitorConfiguration(), StringComparer.Ordinal)
        {
            ["SEEN_WATCHES_FILE"] = paths.Seen,
            ["SESSION_HISTORY_FILE"] = paths.History,
            ["OUTBOX_FILE"] = paths.Outbox,
            ["STATE_DATABASE"] = paths.Database,
            // Cycles run back to back; the interval only paces MonitorLoop, which the soak replaces.
            ["CHECK_INTERVAL_SECONDS"] = SoakOptions.Interval.TotalSeconds.ToString(Invariant),
            ["Health:Url"] = "http://127.0.0.1:0",
        };
        foreach (var shop in configuredShops)
        {
            foreach (var (key, value) in server.PlatformConfiguration(shop.Key))
            {
                configuration[key] = value;
            }
        }

        if (!options.ScaleRun)
        {
            configuration["DETAIL_PAGE_DELAY"] = "0";
            // A failing site is retried once, without waiting: the failure is the point, not the backoff.
            configuration["MAX_RETRIES"] = "1";
            configuration["RETRY_BACKOFF_FACTOR"] = "0";
            configuration["REQUEST_TIMEOUT"] = "10";
        }

        if (options.MaxConcurrentScrapers is { } scrapers)
        {
            configuration["MAX_CONCURRENT_SCRAPERS"] = scrapers.ToString(Invariant);
        }

        return configuration;
    }

    private static async Task<string?> DotnetSdkVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            var version = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return version.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    internal static string FileSizes(StateFileSizes files) => string.Create(Invariant,
        $"database {files.Database / 1024.0:F0} KB, WAL {files.Wal / 1024.0:F0} KB, written by the monitor {files.WrittenBytes / 1024.0 / 1024.0:F1} MB");

    private static double Mb(long bytes) => bytes / SoakSummary.BytesPerMb;
}
