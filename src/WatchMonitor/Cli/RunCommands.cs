using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications.Delivery;
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

    public static Task<int> RunAsync(RunSettings runSettings, bool memoryProfile, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(new HostPlan(runSettings, memoryProfile ? [new("MEMORY_PROFILING", "true")] : null), error, cancellationToken);

    /// <summary>Runs the monitor continuously as <paramref name="plan"/> says, until Ctrl+C, SIGTERM or a memory restart.</summary>
    public static async Task<int> RunAsync(HostPlan plan, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryBuild(plan, error, continuous: true, out var host))
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

    /// <summary>
    /// The state directory's lock, or null with the reason printed (another monitor, or no write access). A
    /// PostgreSQL state is shared by design, so no lock is taken for it.
    /// </summary>
    private static IDisposable? TryLock(IHost host, TextWriter error)
    {
        var options = host.Services.GetRequiredService<MonitorOptions>();
        if (options.UsesPostgres)
        {
            return new SharedStateWithoutLock();
        }

        try
        {
            return InstanceLock.Acquire(options.StateDirectory);
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
            var plan = new HostPlan(new RunSettings(result.GetValue(notifyExisting), result.GetValue(skipImport))) { LogToStandardError = true };
            if (!TryBuild(plan, error, continuous: false, out var host))
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
                var destinations = host.Services.GetRequiredService<DestinationBoard>();
                // The delivery loops run beside the cycle, as under 'run'; the command ends once they are done.
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                CycleReport? report = null;
                var settled = false;
                try
                {
                    report = await runner.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                    settled = await destinations.WaitUntilSettledAsync(
                        OnceDeliveryWait, host.Services.GetRequiredService<TimeProvider>(), cancellationToken).ConfigureAwait(false);
                }
                catch (StateFileException exception)
                {
                    error.WriteLine("error: " + exception.Message);
                    await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                    return WatchmonCommandLine.UsageError;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: what the cycle recorded so far is saved below; the rest is picked up by the next run.
                }

                // A post still in flight may finish within DeliveryService.InFlightGrace; what is left stays queued.
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);

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
                WriteDeliverySummary(output, destinations.Read(), settled);
                return report.AllSucceeded ? 0 : 1;
            }
        });
        return command;
    }

    /// <summary>How long <c>watchmon once</c> waits, after its cycle, for the queued messages to be delivered.</summary>
    public static readonly TimeSpan OnceDeliveryWait = TimeSpan.FromMinutes(2);

    /// <summary>What is left queued per destination after <c>once</c>, and why.</summary>
    internal static void WriteDeliverySummary(TextWriter output, IReadOnlyList<DestinationReading> destinations, bool settled)
    {
        var left = destinations.Where(destination => destination.Pending > 0).ToList();
        if (left.Count == 0)
        {
            if (destinations.Count > 0)
            {
                output.WriteLine("delivery: every queued message was delivered");
            }

            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivery: {left.Sum(destination => destination.Pending)} message(s) left queued, delivered by the next run:"));
        foreach (var destination in left)
        {
            var why = destination.State switch
            {
                DestinationState.Stopped => "webhook stopped: " + (destination.LastError ?? "Discord answered 401/403/404"),
                DestinationState.Delivering when !settled => string.Create(CultureInfo.InvariantCulture, $"still delivering when the {OnceDeliveryWait.TotalMinutes:F0} min wait ended"),
                _ when destination.NextAttemptAt is { } next => string.Create(CultureInfo.InvariantCulture, $"next attempt {next:yyyy-MM-dd HH:mm:ss} UTC") + (destination.LastError is { } reason ? ": " + reason : ""),
                _ => destination.LastError ?? "not yet due",
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {destination.Key,-18} {destination.Pending,5}  {WatchMonitor.Monitoring.Health.WebhookRedactor.Redact(why)}"));
        }
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
        if (report.Instance is { } instance)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"instance {instance}, held {report.HeldSites.Count} site(s): {(report.HeldSites.Count == 0 ? "none" : string.Join(", ", report.HeldSites))}"));
        }
    }

    private static bool TryBuild(HostPlan plan, TextWriter error, bool continuous, out IHost host)
    {
        try
        {
            var builder = WatchmonHost.CreateBuilder(plan.RunSettings, plan.Overrides, plan.UserConfiguration, plan.LogToStandardError);
            if (continuous)
            {
                // A dashboard other machines could reach without a token is refused before anything starts.
                if (HealthOptions.Validate(HealthOptions.FromConfiguration(builder.Configuration)) is { Count: > 0 } problems)
                {
                    throw new InvalidConfigurationException(problems);
                }

                AddContinuous(builder.Services, builder.Configuration, plan.AddServices);
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

    /// <summary>The services of <c>watchmon run</c> on top of the monitor's, in their start order.</summary>
    internal static void AddContinuous(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration, Action<IServiceCollection>? beforeLoop = null)
    {
        // The health endpoint starts first: a port it cannot bind stops the host before any cycle runs.
        services.AddHealthEndpoints(configuration);
        services.AddHostedService<StartBanner>();
        beforeLoop?.Invoke(services);
        services.AddMonitorLoop();
        services.AddHostedService<SystemdWatchdog>();
    }
}

/// <summary>How a command builds the monitor's host.</summary>
/// <param name="Overrides">Settings read after every other source.</param>
internal sealed record HostPlan(RunSettings RunSettings, IEnumerable<KeyValuePair<string, string?>>? Overrides = null)
{
    /// <summary>Read appsettings.json, .env and the environment; false for the demo, which needs no configuration.</summary>
    public bool UserConfiguration { get; init; } = true;

    public bool LogToStandardError { get; init; }

    /// <summary>Services started after the health endpoint and before the first cycle.</summary>
    public Action<IServiceCollection>? AddServices { get; init; }
}

/// <summary>Stands for the instance lock where none is taken: a PostgreSQL state is shared by several monitors.</summary>
internal sealed class SharedStateWithoutLock : IDisposable
{
    public void Dispose()
    {
    }
}
