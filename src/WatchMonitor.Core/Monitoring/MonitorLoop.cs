using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Runs a cycle every CHECK_INTERVAL_SECONDS until the host stops. Each pass is caught and logged on its own, so
/// one bad cycle never ends the monitor; cancellation abandons the cycle in flight and state is flushed on stop, with
/// a deadline of its own.
/// </summary>
public sealed partial class MonitorLoop(
    CycleRunner cycleRunner,
    RestartSignal restartSignal,
    CycleLiveness liveness,
    IHostApplicationLifetime lifetime,
    MonitorOptions options,
    IReadOnlyList<MonitoredSite> sites,
    TimeProvider timeProvider,
    ILogger<MonitorLoop> logger) : BackgroundService
{
    /// <summary>How long the flush at stop may take; the host's stop token may already be spent by then.</summary>
    public const int FlushDeadlineSeconds = 10;

    public static readonly TimeSpan FlushDeadline = TimeSpan.FromSeconds(FlushDeadlineSeconds);

    /// <summary>Why state could not be saved at stop; null when it was (or nothing needed saving).</summary>
    public string? ShutdownFailure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Another service (the health endpoint) refused to start and stopped the host: run no cycle.
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        // Polling a dealer on this machine (the demo, a test) often is no one's burden.
        if (options.CheckIntervalSeconds < 60 && sites.Any(site => site.Enabled && !IsLocal(site.Endpoints.ListingUrl)))
        {
            Log.ShortInterval(logger, options.CheckIntervalSeconds);
        }

        try
        {
            await cycleRunner.InitializeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (State.StateFileException exception)
        {
            Log.CannotStart(logger, exception.Message);
            cycleRunner.StartupFailure = exception.Message;
            lifetime.StopApplication();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                liveness.CycleStarted();
                await cycleRunner.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (cycleRunner.LastMemoryOutcome?.RestartRequested == true)
                {
                    Log.Restarting(logger, cycleRunner.LastMemoryOutcome.ResidentMbAfter);
                    restartSignal.Request();
                    lifetime.StopApplication();
                    break;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                Log.CycleAbandoned(logger);
                break;
            }
            catch (System.Data.Common.DbException exception)
            {
                Log.StateUnreachable(logger, options.StateDatabaseDisplayName, exception.Message);
            }
            catch (Exception exception)
            {
                Log.CycleFailed(logger, exception);
            }
            finally
            {
                liveness.CycleEnded();
            }

            var nextAt = timeProvider.GetLocalNow() + options.CheckInterval;
            Log.NextCycle(logger, nextAt, options.CheckIntervalSeconds);

            try
            {
                await Task.Delay(options.CheckInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(FlushDeadline, timeProvider);
        try
        {
            await cycleRunner.FlushAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            ShutdownFailure = $"saving the state at stop took longer than {FlushDeadlineSeconds} s and was abandoned; the files hold the last complete save. Check the disk the state is on.";
            Log.FlushFailed(logger, ShutdownFailure);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The writer has logged the path and the fix.
            ShutdownFailure = $"the state could not be saved at stop ({exception.Message}); changes since the last save are lost. See the error above for the path and the fix.";
            Log.FlushFailed(logger, ShutdownFailure);
        }
    }

    private static bool IsLocal(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Next cycle at {NextAt:HH:mm:ss} (every {Seconds} s, CHECK_INTERVAL_SECONDS)")]
        public static partial void NextCycle(ILogger logger, DateTimeOffset nextAt, int seconds);

        [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason}")]
        public static partial void CannotStart(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "CHECK_INTERVAL_SECONDS={Seconds} is below 60: dealers may block clients that poll this often. 300 is the default.")]
        public static partial void ShortInterval(ILogger logger, int seconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: the cycle in flight was abandoned. Listings it had not yet queued are picked up at the next start; queued notifications stay in the outbox.")]
        public static partial void CycleAbandoned(ILogger logger);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Memory is still {ResidentMb:F0} MB after every cleanup: restarting gracefully. State is flushed first; queued notifications are delivered after the restart.")]
        public static partial void Restarting(ILogger logger, double residentMb);

        [LoggerMessage(Level = LogLevel.Error, Message = "Stopping: {Reason}")]
        public static partial void FlushFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "The cycle could not use the state database {Database} ({Reason}); the next cycle tries again and scans what this one could not save, and queued notifications wait. Check that the database server is running and reachable.")]
        public static partial void StateUnreachable(ILogger logger, string database, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "The cycle failed unexpectedly; the monitor continues with the next cycle. Please report this with the exception below.")]
        public static partial void CycleFailed(ILogger logger, Exception exception);
    }
}
