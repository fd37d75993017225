using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Tests.Hosting;

/// <summary>Each look of the watchdog on a fake clock; the real executable against a fake notify socket is in the end-to-end WatchdogTests.</summary>
public sealed class SystemdWatchdogTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    [Fact]
    public void Tick_CycleRunsPastTheInterval_PingsStopUntilItEnds()
    {
        var time = new FakeTimeProvider();
        var liveness = new CycleLiveness(time);
        var notifier = new RecordingNotifier();
        using var watchdog = new SystemdWatchdog(liveness, time, NullLogger<SystemdWatchdog>.Instance);
        var pings = new List<bool>();
        void Look(int halfIntervals)
        {
            for (var i = 0; i < halfIntervals; i++)
            {
                pings.Add(watchdog.Tick(notifier, Interval));
                time.Advance(Interval / 2);
            }
        }

        liveness.CycleEnded();
        Look(2);
        // A cycle starts and hangs: pinged while younger than the interval, then silence.
        liveness.CycleStarted();
        Look(4);
        liveness.CycleEnded();
        Look(1);

        Assert.Equal([true, true, true, true, false, false, true], pings);
        Assert.Equal(5, notifier.States.Count);
        Assert.All(notifier.States, state => Assert.Equal("WATCHDOG=1", state));
    }

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        public List<string> States { get; } = [];

        public bool IsEnabled => true;

        public void Notify(ServiceState state) => States.Add(state.ToString());
    }
}
