using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.EndToEndTests.Reliability;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// Issue 10, item 6: the real <c>watchmon run</c> pings a fake systemd notify socket (a Unix datagram socket in a
/// temp directory) while cycles make progress, stops while a cycle hangs, and starts again once it ends.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WatchdogTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan SilenceThatProvesAStop = TimeSpan.FromSeconds(3);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("watchmon-watchdog-");
    private readonly FakeTimeProvider _serverTime = new(TimeProvider.System.GetUtcNow());
    private readonly Socket _notify = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private FakeSitesServer? _server;

    public async Task InitializeAsync()
    {
        _notify.Bind(new UnixDomainSocketEndPoint(Path.Combine(_directory.FullName, "notify.sock")));
        _server = await FakeSitesServer.StartAsync(0, new FakeSitesOptions { TimeProvider = _serverTime });
    }

    [UnixFact]
    public async Task Run_CycleHangs_PingsStopUntilItMakesProgressAgain()
    {
        // The listing page of one site answers only when the test moves the fake sites' clock: a hung cycle.
        _server!.Faults.Add(FaultRoute.Listing, Fault.Delayed(TimeSpan.FromHours(1), times: 1), "grimmeissen");
        var settings = new Dictionary<string, string?>(_server.MonitorConfiguration(), StringComparer.Ordinal)
        {
            ["NOTIFY_SOCKET"] = Path.Combine(_directory.FullName, "notify.sock"),
            ["WATCHDOG_USEC"] = "1000000",
            ["CHECK_INTERVAL_SECONDS"] = "3600",
            ["REQUEST_TIMEOUT"] = "300",
            ["MAX_RETRIES"] = "0",
            ["DETAIL_PAGE_DELAY"] = "0",
            ["HEALTH_ENABLED"] = "false",
        };
        using var monitor = WatchmonProcess.Start(_directory.FullName, settings, "run");
        await monitor.WaitForOutputAsync("systemd watchdog on (WatchdogSec 1 s)");

        // Once the cycle is older than the interval, nothing comes (what start-up and the young cycle sent is drained).
        await monitor.WaitForOutputAsync("is taken as hung, watchdog pings stop");
        await DrainAsync();
        Assert.Null(await ReceiveAsync(SilenceThatProvesAStop));
        Assert.DoesNotContain("Cycle done", monitor.Output, StringComparison.Ordinal);

        // The page answers, the cycle ends, the loop waits for the next one: pings again.
        _serverTime.Advance(TimeSpan.FromHours(1));
        await monitor.WaitForOutputAsync("Cycle done");
        Assert.Equal("WATCHDOG=1", await ReceiveAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("WATCHDOG=1", await ReceiveAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => _notify.Dispose();

    public async Task DisposeAsync()
    {
        _notify.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    /// <summary>Pings sent before the hang was logged may still be queued.</summary>
    private async Task DrainAsync()
    {
        while (_notify.Available > 0)
        {
            await ReceiveAsync(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[256];
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var received = await _notify.ReceiveAsync(buffer, SocketFlags.None, cancellation.Token);
            return Encoding.UTF8.GetString(buffer, 0, received);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
