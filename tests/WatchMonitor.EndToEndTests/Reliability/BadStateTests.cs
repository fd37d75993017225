using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Monitoring;
using WatchMonitor.State;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// State files the machine spoils (issue 6, part 3): unreadable, corrupt, read-only, on a full disk. The monitor
/// says which file and what to do, never alerts a listing twice, and loses nothing once the disk is fixed. The
/// corrupt seen file and the Python monitor's file are in <c>Monitor/StateRecoveryTests</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BadStateTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    public static TheoryData<string> StateFiles => new() { "seen_watches.json", "session_history.json", "outbox.json" };

    // A bind mount of a file that does not exist yet makes Docker create a directory in its place: unreadable for
    // every user, root included, so this runs everywhere the chmod 000 variant below cannot.
    [Theory]
    [MemberData(nameof(StateFiles))]
    public async Task Start_StateFileUnreadable_RefusesToStartNamingThePathAndTheFixAndLeavesItAlone(string file)
    {
        await BaselineAsync();
        var path = Path.Combine(Harness.StateDirectory, file);
        File.Delete(path);
        Directory.CreateDirectory(path);

        await using var monitor = Harness.StartMonitor();
        var exception = await Assert.ThrowsAsync<StateFileException>(() => monitor.RunCycleAsync());

        AssertUnreadableMessage(exception.Message, path);
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(Harness.StateDirectory, "*.corrupt-*"));
        Assert.Equal(0, Harness.Server.Discord.TotalAccepted);
    }

    [UnixPermissionsFact]
    public async Task Start_SeenFileChmod000_RefusesToStartNamingThePathAndTheFix()
    {
        await BaselineAsync();
        var before = await File.ReadAllBytesAsync(Harness.SeenFile);
        File.SetUnixFileMode(Harness.SeenFile, UnixFileMode.None);

        await using var monitor = Harness.StartMonitor();
        var exception = await Assert.ThrowsAsync<StateFileException>(() => monitor.RunCycleAsync());

        AssertUnreadableMessage(exception.Message, Harness.SeenFile);
        File.SetUnixFileMode(Harness.SeenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(before, await File.ReadAllBytesAsync(Harness.SeenFile));
    }

    [Fact]
    public async Task Run_StateFileUnreadable_LogsCriticalAndStopsBeforeTheFirstCycle()
    {
        await BaselineAsync();
        File.Delete(Harness.OutboxFile);
        Directory.CreateDirectory(Harness.OutboxFile);
        Harness.Logs.ExpectErrors("Cannot read the state file");

        await using var monitor = Harness.StartMonitor(services: services => services.AddMonitorLoop());
        var host = monitor.Services.GetRequiredService<IHost>();
        await host.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.WaitForShutdownAsync(timeout.Token);

        var runner = monitor.Services.GetRequiredService<CycleRunner>();
        Assert.Equal(0, runner.CyclesCompleted);
        AssertUnreadableMessage(runner.StartupFailure!, Harness.OutboxFile);
        var critical = Assert.Single(Harness.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        AssertUnreadableMessage(critical.Message, Harness.OutboxFile);
    }

    [Theory]
    [InlineData("session_history.json", "[{\"timestamp\": \"2026-01-01T00:00:00\", \"sites_checked\": ", "history")]
    [InlineData("outbox.json", "{\"entries\": [{\"id\": 42}]}", "outbox")]
    public async Task Start_CorruptHistoryOrOutbox_QuarantinesItAndRunsOn(string file, string content, string what)
    {
        await BaselineAsync();
        var path = Path.Combine(Harness.StateDirectory, file);
        await File.WriteAllTextAsync(path, content);
        Harness.Logs.ExpectErrors("is unreadable");
        var added = Harness.Server.Site("worldoftime").Add();

        await using var monitor = Harness.StartMonitor();
        var report = await monitor.RunCycleAsync();

        var quarantined = Assert.Single(Directory.GetFiles(Harness.StateDirectory, file + ".corrupt-*"));
        Assert.Equal(content, await File.ReadAllTextAsync(quarantined));
        var error = Assert.Single(Harness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Contains(quarantined, error.Message, StringComparison.Ordinal);
        Assert.Contains("To restore it, stop the monitor", error.Message, StringComparison.Ordinal);
        Output.WriteLine($"{what}: {error.Message}");
        Assert.Equal(1, report.NewListings);
        Assert.Equal(Harness.Server.ExpectListing("worldoftime", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("worldoftime").Embeds).Url);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, Harness.LastSession().ValueKind);
    }

    [Fact]
    public async Task Cycle_DiskFull_KeepsOldFilesIntactCleansUpAndDeliversOnceWhenThereIsRoomAgain()
    {
        var disk = new SimulatedDisk();
        await using var monitor = Harness.StartMonitor(services: disk.Install);
        await monitor.RunCycleAsync();
        var before = StateBytes();
        disk.Full = true;
        var added = Harness.Server.Site("grimmeissen").Add();
        Harness.Logs.ExpectErrors("Could not write");

        var duringFull = await monitor.RunCycleAsync();
        var second = await monitor.RunCycleAsync();

        // The monitor ran both cycles; the listing could not be queued durably, so it was neither sent nor marked seen.
        Assert.True(disk.FailedWrites >= 4, $"{disk.FailedWrites} failed writes");
        Assert.Equal(before, StateBytes());
        Assert.Empty(Directory.GetFiles(Harness.StateDirectory, "*.tmp"));
        var errors = Harness.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).ToList();
        Assert.All(errors, error => Assert.Contains("the disk is full: free some space", error.Message, StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Message.StartsWith($"Could not write {Harness.OutboxFile}; the previous file is unchanged.", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Message.StartsWith($"Could not write {Harness.SeenFile};", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Message.StartsWith($"Could not write {Harness.HistoryFile};", StringComparison.Ordinal));
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "were not saved (see the error above); the monitor carries on"));
        Assert.True(duringFull.Sites.Single(site => site.SiteKey == "grimmeissen").Failed);
        Assert.True(second.Sites.Single(site => site.SiteKey == "grimmeissen").Failed);
        Assert.Equal(0, Harness.Server.Discord.TotalAccepted);

        disk.Full = false;
        await monitor.RunCycleAsync();
        await monitor.RunCycleAsync();
        await using (var restarted = Harness.StartMonitor())
        {
            await restarted.RunCycleAsync();
        }

        Assert.Equal(Harness.Server.ExpectListing("grimmeissen", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("grimmeissen").Embeds).Url);
        Assert.Equal(1, Harness.Server.Discord.TotalAccepted);
        Assert.Empty(Harness.OutboxEntries());
    }

    [Fact]
    public async Task Cycle_SeenFileOnFullDisk_DeliversFromMemoryWithoutRepeatingAndSavesOnceThereIsRoom()
    {
        // The seen file is the big one: the disk may still take the small outbox but not it.
        var disk = new SimulatedDisk { Affects = name => name.StartsWith("seen_watches", StringComparison.Ordinal) };
        await using var monitor = Harness.StartMonitor(services: disk.Install);
        await monitor.RunCycleAsync();
        disk.Full = true;
        var added = Harness.Server.Site("watch_out").Add();
        Harness.Logs.ExpectErrors("Could not write");

        await monitor.RunCycleAsync();
        await monitor.RunCycleAsync();

        Assert.Single(Harness.Server.Discord.Webhook("watch_out").Embeds);
        disk.Full = false;
        await monitor.RunCycleAsync();
        await using (var restarted = Harness.StartMonitor())
        {
            var report = await restarted.RunCycleAsync();
            Assert.Equal(0, report.NewListings);
        }

        Assert.Equal(Harness.Server.ExpectListing("watch_out", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("watch_out").Embeds).Url);
        Assert.Equal(1, Harness.Server.Discord.TotalAccepted);
    }

    [Fact]
    public async Task Cycle_DirectoryBecomesReadOnly_DeliversQueuedMessageOnceAndSavesWhenWritableAgain()
    {
        var disk = new SimulatedDisk();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor(services: services =>
        {
            disk.Install(services);
            MonitorHarness.UseClock(time)(services);
        });
        await monitor.RunCycleAsync();
        var added = Harness.Server.Site("tropicalwatch").Add();
        Harness.Server.Faults.Add(FaultRoute.Webhook, Fault.Status(503, times: 1), "tropicalwatch");
        await monitor.RunCycleAsync();
        Assert.Single(Harness.OutboxEntries());
        Harness.Logs.ExpectErrors("Could not write");

        // The message goes out while nothing can be written: the acknowledgement lives in memory only.
        disk.ReadOnly = true;
        time.Advance(TimeSpan.FromMinutes(5));
        await monitor.RunCycleAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        await monitor.RunCycleAsync();

        Assert.Single(Harness.Server.Discord.Webhook("tropicalwatch").Embeds);
        Assert.Single(Harness.OutboxEntries());
        var errors = Harness.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).ToList();
        Assert.All(errors, error => Assert.Contains("permission denied: give the user the monitor runs as write access", error.Message, StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Message.StartsWith($"Could not write {Harness.OutboxFile};", StringComparison.Ordinal));
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "tropicalwatch: the outbox file could not be updated after a delivery attempt"));

        disk.ReadOnly = false;
        time.Advance(TimeSpan.FromMinutes(5));
        await monitor.RunCycleAsync();
        Assert.Single(Harness.Server.Discord.Webhook("tropicalwatch").Embeds);
        Assert.Empty(Harness.OutboxEntries());
        await using (var restarted = Harness.StartMonitor())
        {
            await restarted.RunCycleAsync();
        }

        Assert.Equal(Harness.Server.ExpectListing("tropicalwatch", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("tropicalwatch").Embeds).Url);
        Assert.Equal(1, Harness.Server.Discord.TotalAccepted);
        Assert.Empty(Harness.OutboxEntries());
    }

    [UnixPermissionsFact]
    public async Task Cycle_DirectoryChmod555_KeepsRunningAndSavesWhenWritableAgain()
    {
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var added = Harness.Server.Site("rueschenbeck").Add();
        Harness.Logs.ExpectErrors("Could not write");
        var writable = File.GetUnixFileMode(Harness.StateDirectory);
        File.SetUnixFileMode(Harness.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            await monitor.RunCycleAsync();
            Assert.Contains(Harness.Logs.Entries, entry => entry.Level == LogLevel.Error && entry.Message.Contains("permission denied", StringComparison.Ordinal));
        }
        finally
        {
            File.SetUnixFileMode(Harness.StateDirectory, writable);
        }

        await monitor.RunCycleAsync();
        await monitor.RunCycleAsync();
        Assert.Equal(Harness.Server.ExpectListing("rueschenbeck", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("rueschenbeck").Embeds).Url);
    }

    [Fact]
    public async Task Save_ReadOnlySeenFile_IsReplacedAtomicallyAndKeepsItsMode()
    {
        await BaselineAsync();
        const UnixFileMode readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead;
        File.SetUnixFileMode(Harness.SeenFile, readOnly);
        var added = Harness.Server.Site("juwelier_exchange").Add();

        await using (var monitor = Harness.StartMonitor())
        {
            await monitor.RunCycleAsync();
        }

        await using (var restarted = Harness.StartMonitor())
        {
            Assert.Equal(0, (await restarted.RunCycleAsync()).NewListings);
        }

        // A read-only mode on the file does not stop an atomic replace (the directory decides); the mode is kept.
        Assert.Equal(readOnly, File.GetUnixFileMode(Harness.SeenFile));
        Assert.Equal(Harness.Server.ExpectListing("juwelier_exchange", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("juwelier_exchange").Embeds).Url);
    }

    private static void AssertUnreadableMessage(string message, string path)
    {
        Assert.StartsWith($"Cannot read the state file {path} (", message, StringComparison.Ordinal);
        Assert.Contains("The monitor does not start without it", message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}), then start again.", message, StringComparison.Ordinal);
    }

    private async Task BaselineAsync()
    {
        await using var earlier = Harness.StartMonitor();
        await earlier.RunCycleAsync();
        // An outbox file exists only once something was queued; make one so every state file is there.
        await File.WriteAllTextAsync(Harness.OutboxFile, "{\"version\": 1, \"entries\": []}");
    }

    private Dictionary<string, byte[]> StateBytes() =>
        Directory.GetFiles(Harness.StateDirectory, "*.json").ToDictionary(path => path, File.ReadAllBytes, StringComparer.Ordinal);
}
