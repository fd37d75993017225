using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WatchMonitor.Configuration;
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
            // RunAsync disposes the host's services when it ends, so take the signal first.
            var restart = host.Services.GetRequiredService<RestartSignal>();
            var runner = host.Services.GetRequiredService<CycleRunner>();
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            if (runner.StartupFailure is { } failure)
            {
                error.WriteLine("error: " + failure);
                return 1;
            }

            return restart.Requested ? GracefulRestart.Perform(error) : 0;
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
            {
                var runner = host.Services.GetRequiredService<CycleRunner>();
                CycleReport report;
                try
                {
                    report = await runner.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (StateFileException exception)
                {
                    error.WriteLine("error: " + exception.Message);
                    return 1;
                }

                await runner.FlushAsync(cancellationToken).ConfigureAwait(false);
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
                builder.Services.AddMonitorLoop();
                builder.Services.AddHealthEndpoints(builder.Configuration);
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
