using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Runs a cycle every CHECK_INTERVAL_SECONDS until the host stops. Each pass is caught and logged on its own, so
/// one bad cycle never ends the monitor; cancellation abandons the cycle in flight and state is flushed on stop.
/// </summary>
public sealed partial class MonitorLoop(
    CycleRunner cycleRunner,
    RestartSignal restartSignal,
    IHostApplicationLifetime lifetime,
    MonitorOptions options,
    TimeProvider timeProvider,
    ILogger<MonitorLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CheckIntervalSeconds < 60)
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
            catch (Exception exception)
            {
                Log.CycleFailed(logger, exception);
            }

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
        await cycleRunner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason}")]
        public static partial void CannotStart(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "CHECK_INTERVAL_SECONDS={Seconds} is below 60: dealers may block clients that poll this often. 300 is the default.")]
        public static partial void ShortInterval(ILogger logger, int seconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: the cycle in flight was abandoned. Listings it had not yet queued are picked up at the next start; queued notifications stay in the outbox.")]
        public static partial void CycleAbandoned(ILogger logger);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Memory is still {ResidentMb:F0} MB after every cleanup: restarting gracefully. State is flushed first; queued notifications are delivered after the restart.")]
        public static partial void Restarting(ILogger logger, double residentMb);

        [LoggerMessage(Level = LogLevel.Error, Message = "The cycle failed unexpectedly; the monitor continues with the next cycle. Please report this with the exception below.")]
        public static partial void CycleFailed(ILogger logger, Exception exception);
    }
}
