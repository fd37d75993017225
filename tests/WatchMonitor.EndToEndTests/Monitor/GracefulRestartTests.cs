using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Monitoring;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// Memory above the critical threshold after every cleanup: the loop stops the host itself, state is flushed, and
/// a fresh process carries on without losing or repeating an alert.
/// </summary>
public sealed class GracefulRestartTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    // Any real process is above 33 MB resident, so the governor asks for a restart after the first cycle.
    private static readonly KeyValuePair<string, string?>[] AlwaysCritical =
    [
        new("MEMORY_WARNING_THRESHOLD_MB", "32"),
        new("MEMORY_CRITICAL_THRESHOLD_MB", "33"),
        new("CHECK_INTERVAL_SECONDS", "1"),
    ];

    [Fact]
    public async Task Run_StillAboveCriticalAfterCleanup_StopsItselfWithStateConsistent()
    {
        var server = Harness.Server;
        var baseline = Harness.StartMonitor();
        await baseline.RunCycleAsync();
        await baseline.DisposeAsync();

        var added = server.Site("grimmeissen").Add();
        var url = server.ExpectListing("grimmeissen", added)!.Url;
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(503), "grimmeissen");
        Harness.Logs.ExpectErrors("MEMORY_CRITICAL_THRESHOLD_MB=33");
        Harness.Logs.ExpectErrors("restarting gracefully");
        Harness.Logs.ExpectErrors("Discord delivery failed");
        var monitor = Harness.StartMonitor(AlwaysCritical, services => services.AddMonitorLoop());
        var lifetime = monitor.Services.GetRequiredService<IHostApplicationLifetime>();
        var restart = monitor.Services.GetRequiredService<RestartSignal>();
        var host = monitor.Services.GetRequiredService<IHost>();

        await host.StartAsync();
        var stopping = new TaskCompletionSource();
        using (lifetime.ApplicationStopping.Register(stopping.SetResult))
        {
            await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await host.StopAsync();
        await monitor.DisposeAsync();

        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested, "the monitor did not stop itself");
        Assert.True(restart.Requested);
        Assert.Single(Harness.Logs.Matching(LogLevel.Critical, "restarting gracefully"));

        // The new listing is seen and its undelivered message is still queued.
        Assert.Equal(13, Harness.SeenIds("grimmeissen").Count);

        Assert.NotEmpty(Harness.LastSession().GetProperty("session_id").GetString()!);
        Assert.Single(Harness.OutboxEntries());

        server.Faults.Clear();
        // The failed post was deferred by the delivery loop's backoff; the fresh process starts after it.
        await using var fresh = Harness.StartMonitor(services: MonitorHarness.UseClock(new ShiftedTimeProvider(TimeSpan.FromMinutes(5))));
        await fresh.RunCycleAsync();
        await fresh.RunCycleAsync();

        Assert.Equal(1, server.Discord.Webhook("grimmeissen").Embeds.Count(embed => embed.Url == url));
        Assert.Equal(1, server.Discord.TotalAccepted);
        Assert.Empty(Harness.OutboxEntries());
    }
}
