using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon run</c> and <c>watchmon once</c>.</summary>
internal static class RunCommands
{
    public static Option<bool> NotifyExistingOption() => new("--notify-existing")
    {
        Description = "Alert every current listing of sites without seen state instead of recording them silently",
    };

    public static Option<bool> SkipImportOption() => new("--skip-import")
    {
        Description = "On the first start without a state database, start empty instead of importing the JSON state files",
    };

    public static Command CreateRun(TextWriter output, TextWriter error)
    {
        var notifyExisting = NotifyExistingOption();
        var skipImport = SkipImportOption();
        var memoryProfile = new Option<bool>("--memory-profile")
        {
            Description = "Write a per-cycle memory CSV and an SVG chart under MEMORY_REPORTS_DIR (same as MEMORY_PROFILING=true)",
        };
        var command = new Command("run", "Watch the dealers continuously (the default command).") { notifyExisting, memoryProfile, skipImport };
        command.SetAction((result, cancellationToken) =>
            RunAsync(new RunSettings(result.GetValue(notifyExisting), result.GetValue(skipImport)), result.GetValue(memoryProfile), error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(RunSettings runSettings, bool memoryProfile, TextWriter error, CancellationToken cancellationToken)
    {
        IEnumerable<KeyValuePair<string, string?>>? overrides = memoryProfile ? [new("MEMORY_PROFILING", "true")] : null;
        if (!TryBuild(runSettings, error, continuous: true, out var host, overrides))
        {
            return WatchmonCommandLine.UsageError;
        }

        using (host)
        {
            // RunAsync disposes the host's services when it ends, so take what is read afterwards first.
            var restart = host.Services.GetRequiredService<RestartSignal>();
            var runner = host.Services.GetRequiredService<CycleRunner>();
            var health = host.Services.GetService<HealthEndpoints>();
            var loop = host.Services.GetServices<IHostedService>().OfType<MonitorLoop>().Single();
            using (var instanceLock = TryLock(host, error))
            {
                if (instanceLock is null || !await TryStartAsync(host, runner, error, cancellationToken).ConfigureAwait(false))
                {
                    return WatchmonCommandLine.UsageError;
                }

                await host.RunAsync(cancellationToken).ConfigureAwait(false);
                var failure = health?.BindFailure ?? runner.StartupFailure ?? loop.ShutdownFailure;
                if (failure is not null)
                {
                    error.WriteLine("error: " + failure);
                    return WatchmonCommandLine.UsageError;
                }
            }

            // The lock is released first: the fresh copy started by hand takes it.
            return restart.Requested ? GracefulRestart.Perform(error) : 0;
        }
    }

    /// <summary>Loads the state and checks the critical threshold against what the loaded process uses.</summary>
    private static async Task<bool> TryStartAsync(IHost host, CycleRunner runner, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await runner.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StateFileException exception)
        {
            error.WriteLine("error: " + exception.Message);
            return false;
        }

        var baselineMb = host.Services.GetRequiredService<MemoryMonitor>().GetCurrentUsageMb();
        if (MemoryOptions.CheckBaseline(host.Services.GetRequiredService<MemoryOptions>().CriticalThresholdMb, baselineMb) is { } problem)
        {
            error.WriteLine("error: " + problem);
            return false;
        }

        return true;
    }

    /// <summary>The state directory's lock, or null with the reason printed (another monitor, or no write access).</summary>
    private static InstanceLock? TryLock(IHost host, TextWriter error)
    {
        try
        {
            return InstanceLock.Acquire(host.Services.GetRequiredService<MonitorOptions>().StateDirectory);
        }
        catch (InstanceLockException exception)
        {
            error.WriteLine("error: " + exception.Message);
            return null;
        }
    }

    public static Command CreateOnce(TextWriter output, TextWriter error)
    {
        var notifyExisting = NotifyExistingOption();
        var skipImport = SkipImportOption();
        var command = new Command("once", "Run one cycle, print a per-site summary; exit 0 when every site succeeded, 1 otherwise.") { notifyExisting, skipImport };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryBuild(new RunSettings(result.GetValue(notifyExisting), result.GetValue(skipImport)), error, continuous: false, out var host, overrides: null))
            {
                return WatchmonCommandLine.UsageError;
            }

            using (host)
            using (var instanceLock = TryLock(host, error))
            {
                if (instanceLock is null)
                {
                    return WatchmonCommandLine.UsageError;
                }

                var runner = host.Services.GetRequiredService<CycleRunner>();
                CycleReport? report = null;
                try
                {
                    report = await runner.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (StateFileException exception)
                {
                    error.WriteLine("error: " + exception.Message);
                    return WatchmonCommandLine.UsageError;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: what the cycle recorded so far is saved below; the rest is picked up by the next run.
                }

                // The command's token may be cancelled by now: the flush has a deadline of its own.
                using var deadline = new CancellationTokenSource(MonitorLoop.FlushDeadline);
                try
                {
                    await runner.FlushAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OperationCanceledException)
                {
                    error.WriteLine($"error: the state could not be saved ({exception.Message}); see the error above for the path and the fix.");
                    return WatchmonCommandLine.UsageError;
                }

                if (report is null)
                {
                    error.WriteLine("Interrupted: the state is saved; listings not yet queued are picked up by the next run.");
                    return WatchmonCommandLine.Interrupted;
                }

                WriteSummary(output, report);
                return report.AllSucceeded ? 0 : 1;
            }
        });
        return command;
    }

    internal static void WriteSummary(TextWriter output, CycleReport report)
    {
        output.WriteLine($"{"site",-18} {"status",-8} {"listings",8} {"new",5} {"queued",7}");
        foreach (var site in report.Sites.OrderBy(site => site.SiteKey, StringComparer.Ordinal))
        {
            var status = site.Failed ? "FAILED" : site.Baseline ? "baseline" : "ok";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{site.SiteKey,-18} {status,-8} {site.ListingsFound,8} {site.NewListings,5} {site.NotificationsQueued,7}"));
            if (site.Error is not null)
            {
                output.WriteLine($"  {site.Error}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Sites.Count} sites, {report.NewListings} new, {report.Errors} failed, {report.Duration.TotalSeconds:F1} s"));
    }

    private static bool TryBuild(RunSettings settings, TextWriter error, bool continuous, out IHost host, IEnumerable<KeyValuePair<string, string?>>? overrides)
    {
        try
        {
            var builder = WatchmonHost.CreateBuilder(settings, overrides);
            if (continuous)
            {
                // The health endpoint starts first: a port it cannot bind stops the host before any cycle runs.
                builder.Services.AddHealthEndpoints(builder.Configuration);
                builder.Services.AddMonitorLoop();
                builder.Services.AddHostedService<SystemdWatchdog>();
            }

            host = builder.Build();
            return true;
        }
        catch (Exception exception) when (exception is InvalidConfigurationException or FormatException)
        {
            error.WriteLine("error: " + exception.Message);
            host = null!;
            return false;
        }
    }
}
