using System.Net;
using System.Net.Sockets;
using WatchMonitor.EndToEndTests.Reliability;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>Issue 10, item 4: one real monitor per state directory, and a taken health port refused at start.</summary>
public sealed class InstanceLockTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("watchmon-lock-");

    private readonly Dictionary<string, string?> _quiet = new(StringComparer.Ordinal)
    {
        ["SKIP_SITES"] = "worldoftime,grimmeissen,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck",
        ["ENABLE_EXCHANGE_RATE_CONVERSION"] = "false",
        ["HEALTH_ENABLED"] = "false",
        ["CHECK_INTERVAL_SECONDS"] = "3600",
    };

    [Fact]
    public async Task Run_SecondRunOrOnceOnTheSameState_ExitsTwoNamingThePidUntilTheFirstIsKilled()
    {
        using var first = WatchmonProcess.Start(_directory.FullName, _quiet, "run");
        await first.WaitForOutputAsync("Cycle done");

        var secondRun = await WatchmonProcess.RunAsync(_directory.FullName, _quiet, "run");
        var once = await WatchmonProcess.RunAsync(_directory.FullName, _quiet, "once");

        var expected = $"error: another watchmon (pid {first.Id}) is using {_directory.FullName}. Stop it first (e.g. systemctl stop watchmon), or give this one its own state files (SEEN_WATCHES_FILE in another directory).{Environment.NewLine}";
        Assert.Equal((2, expected), (secondRun.ExitCode, secondRun.Error));
        Assert.Equal((2, expected), (once.ExitCode, once.Error));

        // SIGKILL runs no handler: the kernel releases the lock, and the stale pid in the file decides nothing.
        await first.KillAsync();
        var after = await WatchmonProcess.RunAsync(_directory.FullName, _quiet, "once");
        Assert.True(after.ExitCode == 0, after.All);
    }

    [Fact]
    public async Task Run_HealthPortTaken_ExitsTwoWithOneLineNamingTheUrlAndTheFix()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var settings = new Dictionary<string, string?>(_quiet, StringComparer.Ordinal) { ["HEALTH_ENABLED"] = "true", ["Health:Url"] = $"http://127.0.0.1:{port}" };

        var result = await WatchmonProcess.RunAsync(_directory.FullName, settings, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: the health endpoint cannot listen on http://127.0.0.1:{port}/ (address already in use): another program, maybe another watchmon, uses that port. Set Health__Url to a free port (e.g. http://127.0.0.1:8766) or HEALTH_ENABLED=false.{Environment.NewLine}",
            result.Error);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Cycle done", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
