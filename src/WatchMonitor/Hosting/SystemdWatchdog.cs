using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Hosting;

/// <summary>
/// The systemd watchdog (<c>WatchdogSec=</c> in the unit): sends <c>WATCHDOG=1</c> to <c>$NOTIFY_SOCKET</c> every half
/// <c>$WATCHDOG_USEC</c>, but only while the loop makes progress. A cycle that runs longer than the watchdog interval
/// counts as hung: the pings stop and systemd restarts the monitor. Microsoft.Extensions.Hosting.Systemd reports
/// readiness and stopping; it has no watchdog of its own.
/// </summary>
internal sealed partial class SystemdWatchdog(
    CycleLiveness liveness,
    TimeProvider timeProvider,
    ILogger<SystemdWatchdog> logger,
    ISystemdNotifier? notifier = null) : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    private bool _hung;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watchdog = WatchdogSettings.FromEnvironment();
        if (watchdog is null)
        {
            return;
        }

        var target = notifier ?? new SystemdNotifier();
        Log.Enabled(logger, watchdog.Interval.TotalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            Tick(target, watchdog.Interval);
            try
            {
                await Task.Delay(watchdog.Interval / 2, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One look at the loop: a ping when it makes progress, one critical line when it stopped.</summary>
    /// <returns>Whether a ping was sent.</returns>
    internal bool Tick(ISystemdNotifier target, TimeSpan interval)
    {
        if (liveness.IsProgressing(interval))
        {
            _hung = false;
            Send(target);
            return true;
        }

        if (!_hung)
        {
            _hung = true;
            Log.Hung(logger, liveness.Cycle, liveness.BusyFor()?.TotalMinutes ?? 0, interval.TotalSeconds);
        }

        return false;
    }

    private void Send(ISystemdNotifier target)
    {
        try
        {
            target.Notify(Ping);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or IOException or ObjectDisposedException)
        {
            Log.PingFailed(logger, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog on (WatchdogSec {Seconds:F0} s): pinging while cycles make progress; a cycle running longer than that counts as hung")]
        public static partial void Enabled(ILogger logger, double seconds);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Cycle {Cycle} has run for {Minutes:F1} min, longer than the watchdog interval of {Seconds:F0} s: it is taken as hung, watchdog pings stop and systemd restarts the monitor. If cycles are this long on purpose, raise WatchdogSec in the unit.")]
        public static partial void Hung(ILogger logger, long cycle, double minutes, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The systemd watchdog ping failed ({Reason}); systemd may restart the monitor. Check NOTIFY_SOCKET.")]
        public static partial void PingFailed(ILogger logger, string reason);
    }
}

/// <summary>The watchdog interval systemd asks for; null when the monitor was not started with one.</summary>
internal sealed record WatchdogSettings(TimeSpan Interval)
{
    public static WatchdogSettings? FromEnvironment()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"))
            || !long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
            || microseconds <= 0)
        {
            return null;
        }

        // systemd names the process it watches; a copy started by that process is not it.
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return new WatchdogSettings(TimeSpan.FromMicroseconds(microseconds));
    }
}
