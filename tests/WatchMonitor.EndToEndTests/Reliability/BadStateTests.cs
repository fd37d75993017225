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
/// State the machine spoils (issue 6, part 3; issue 11): an unreadable or damaged database, JSON files to import
/// that cannot be read, a database that refuses writes. The monitor says which file and what to do, never alerts a
/// listing twice, and loses nothing once the disk is fixed. The Python seen file is in <c>Monitor/StateRecoveryTests</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BadStateTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    public static TheoryData<string> JsonFiles => new() { "seen_watches.json", "session_history.json", "outbox.json" };

    // A bind mount of a file that does not exist yet makes Docker create a directory in its place: unreadable for
    // every user, root included, so this runs everywhere a chmod 000 cannot.
    [Theory]
    [MemberData(nameof(JsonFiles))]
    public async Task Start_JsonFileToImportUnreadable_RefusesToStartNamingThePathAndImportsNothing(string file)
    {
        await WriteJsonFilesAsync();
        var path = Path.Combine(Harness.StateDirectory, file);
        File.Delete(path);
        Directory.CreateDirectory(path);

        await using var monitor = Harness.StartMonitor();
        var exception = await Assert.ThrowsAsync<StateFileException>(() => monitor.RunCycleAsync());

        AssertUnreadableMessage(exception.Message, path);
        Assert.True(Directory.Exists(path));
        Assert.False(File.Exists(Harness.DatabaseFile));
        Assert.Equal(0, Harness.Server.Discord.TotalAccepted);
    }

    [Fact]
    public async Task Start_DatabaseUnreadable_RefusesToStartNamingThePathAndTheFix()
    {
        Directory.CreateDirectory(Harness.DatabaseFile);

        await using var monitor = Harness.StartMonitor();
        var exception = await Assert.ThrowsAsync<StateFileException>(() => monitor.RunCycleAsync());

        AssertUnreadableMessage(exception.Message, Harness.DatabaseFile);
        Assert.Equal(0, Harness.Server.Discord.TotalAccepted);
    }

    [Fact]
    public async Task Start_DamagedDatabase_RefusesToStartAndLeavesTheFileAsItWas()
    {
        await BaselineAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(Harness.DatabaseFile);
        // Garbage over the header: SQLite no longer recognizes the file.
        Array.Fill(bytes, (byte)0x5A, 0, 100);
        await File.WriteAllBytesAsync(Harness.DatabaseFile, bytes);
        File.Delete(Harness.DatabaseFile + "-wal");
        File.Delete(Harness.DatabaseFile + "-shm");

        await using var monitor = Harness.StartMonitor();
        var exception = await Assert.ThrowsAsync<StateFileException>(() => monitor.RunCycleAsync());

        Assert.StartsWith($"The state database {Harness.DatabaseFile} cannot be used: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", exception.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Harness.DatabaseFile));
    }

    [Fact]
    public async Task Run_DatabaseUnreadable_LogsCriticalAndStopsBeforeTheFirstCycle()
    {
        Directory.CreateDirectory(Harness.DatabaseFile);
        Harness.Logs.ExpectErrors("Cannot read the state file");

        await using var monitor = Harness.StartMonitor(services: services => services.AddMonitorLoop());
        var host = monitor.Services.GetRequiredService<IHost>();
        await host.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.WaitForShutdownAsync(timeout.Token);

        var runner = monitor.Services.GetRequiredService<CycleRunner>();
        Assert.Equal(0, runner.CyclesCompleted);
        AssertUnreadableMessage(runner.StartupFailure!, Harness.DatabaseFile);
        var critical = Assert.Single(Harness.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        AssertUnreadableMessage(critical.Message, Harness.DatabaseFile);
    }

    [Theory]
    [InlineData("session_history.json", "[{\"timestamp\": \"2026-01-01T00:00:00\", \"sites_checked\": ")]
    [InlineData("outbox.json", "{\"entries\": [{\"id\": 42}]}")]
    public async Task Start_CorruptJsonFileToImport_RefusesToStartUntilSkipImportIsGiven(string file, string content)
    {
        await WriteJsonFilesAsync();
        var path = Path.Combine(Harness.StateDirectory, file);
        await File.WriteAllTextAsync(path, content);

        await using (var refused = Harness.StartMonitor())
        {
            var exception = await Assert.ThrowsAsync<StateFileException>(() => refused.RunCycleAsync());
            Assert.StartsWith($"Cannot import {path}: ", exception.Message, StringComparison.Ordinal);
            Assert.Contains("--skip-import", exception.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Harness.DatabaseFile));
        Assert.Equal(content, await File.ReadAllTextAsync(path));

        await using var monitor = Harness.StartMonitor(runSettings: new RunSettings(SkipImport: true));
        var report = await monitor.RunCycleAsync();

        Assert.All(report.Sites, site => Assert.True(site.Baseline, site.SiteKey));
        Assert.Equal(content, await File.ReadAllTextAsync(path));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, Harness.LastSession().ValueKind);
    }

    [Fact]
    public async Task Cycle_DatabaseRefusesWrites_SitesFailSayingWhyNothingIsSeenAndEachListingIsDeliveredOnceAfterwards()
    {
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var added = Harness.Server.Site("grimmeissen").Add();
        DiskFull(true);
        Harness.Logs.ExpectErrors("could not be written to the state database");

        var duringFull = await monitor.RunCycleAsync();
        var second = await monitor.RunCycleAsync();

        Assert.All(duringFull.Sites, site => Assert.True(site.Failed, site.SiteKey));
        Assert.Contains("the state database could not record the scan", duringFull.Sites[0].Error, StringComparison.Ordinal);
        Assert.Contains("Check free disk space", duringFull.Sites[0].Error, StringComparison.Ordinal);
        Assert.True(second.Sites.Single(site => site.SiteKey == "grimmeissen").Failed);
        Assert.Equal(0, Harness.Server.Discord.TotalAccepted);
        Assert.Empty(Harness.OutboxEntries());

        DiskFull(false);
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
    public async Task Cycle_AcknowledgementCannotBeWritten_DeliversTheMessageOnceAndSavesWhenWritableAgain()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor(services: MonitorHarness.UseClock(time));
        await monitor.RunCycleAsync();
        var added = Harness.Server.Site("tropicalwatch").Add();
        Harness.Server.Faults.Add(FaultRoute.Webhook, Fault.Status(503, times: 1), "tropicalwatch");
        await monitor.RunCycleAsync();
        Assert.Single(Harness.OutboxEntries());
        Harness.Logs.ExpectErrors("the state database could not record a delivery attempt");

        // The message goes out while the queue cannot be changed: the acknowledgement lives in memory only.
        RefuseOutboxChanges(true);
        time.Advance(TimeSpan.FromMinutes(5));
        await monitor.RunCycleAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        await monitor.RunCycleAsync();

        Assert.Single(Harness.Server.Discord.Webhook("tropicalwatch").Embeds);
        Assert.Single(Harness.OutboxEntries());
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "tropicalwatch: the state database could not record a delivery attempt"));

        RefuseOutboxChanges(false);
        time.Advance(TimeSpan.FromMinutes(5));
        await monitor.RunCycleAsync();
        Assert.Empty(Harness.OutboxEntries());
        await using (var restarted = Harness.StartMonitor())
        {
            await restarted.RunCycleAsync();
        }

        Assert.Equal(Harness.Server.ExpectListing("tropicalwatch", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("tropicalwatch").Embeds).Url);
        Assert.Equal(1, Harness.Server.Discord.TotalAccepted);
    }

    [UnixPermissionsFact]
    public async Task Cycle_DirectoryChmod555_KeepsRunningAndDelivers()
    {
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var added = Harness.Server.Site("rueschenbeck").Add();
        var writable = File.GetUnixFileMode(Harness.StateDirectory);
        File.SetUnixFileMode(Harness.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            // The database, its WAL and shared-memory file exist: SQLite writes them in place, a directory's mode
            // only matters for creating files.
            await monitor.RunCycleAsync();
        }
        finally
        {
            File.SetUnixFileMode(Harness.StateDirectory, writable);
        }

        await monitor.RunCycleAsync();
        Assert.Equal(Harness.Server.ExpectListing("rueschenbeck", added)!.Url, Assert.Single(Harness.Server.Discord.Webhook("rueschenbeck").Embeds).Url);
    }

    [Fact]
    public async Task Start_ReadOnlyJsonFiles_ImportsThemAndLeavesThemUnchanged()
    {
        await WriteJsonFilesAsync();
        const UnixFileMode readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead;
        File.SetUnixFileMode(Harness.SeenFile, readOnly);
        var before = await File.ReadAllBytesAsync(Harness.SeenFile);
        var added = Harness.Server.Site("juwelier_exchange").Add();

        await using (var monitor = Harness.StartMonitor())
        {
            Assert.Equal(1, (await monitor.RunCycleAsync()).NewListings);
        }

        Assert.Equal(readOnly, File.GetUnixFileMode(Harness.SeenFile));
        Assert.Equal(before, await File.ReadAllBytesAsync(Harness.SeenFile));
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
    }

    /// <summary>The files a Python monitor (and an earlier version of this one) leave after a baseline.</summary>
    private async Task WriteJsonFilesAsync()
    {
        await BaselineAsync();
        await Harness.ExportAsync();
        await File.WriteAllTextAsync(Harness.OutboxFile, "{\"version\": 1, \"entries\": []}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(Harness.DatabaseFile + suffix);
        }
    }

    // SQLite's own answer to a full disk, raised by a trigger: every scan's commit (they all write listings) fails.
    private void DiskFull(bool full) => Harness.ExecuteSql(full
        ? "CREATE TRIGGER disk_full BEFORE INSERT ON listing BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;"
        : "DROP TRIGGER disk_full;");

    private void RefuseOutboxChanges(bool refuse) => Harness.ExecuteSql(refuse
        ? "CREATE TRIGGER read_only BEFORE DELETE ON outbox BEGIN SELECT RAISE(FAIL, 'attempt to write a readonly database'); END;"
        : "DROP TRIGGER read_only;");
}
