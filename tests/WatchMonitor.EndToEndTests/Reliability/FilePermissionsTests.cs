using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.Diagnostics;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>Issue 6: state and report files, and the directories the monitor creates, are its user's alone on Unix.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FilePermissionsTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;

    [UnixFact]
    public async Task Cycles_StateAndProfileReportsInNewDirectories_AreOwnerOnly()
    {
        var state = Path.Combine(Harness.StateDirectory, "new", "state");
        var reports = Path.Combine(Harness.StateDirectory, "new", "reports");
        await using var monitor = Harness.StartMonitor(
        [
            new("STATE_DATABASE", Path.Combine(state, "watchmon.db")),
            new("MEMORY_PROFILING", "true"),
            new("MEMORY_REPORTS_DIR", reports),
        ]);
        await monitor.RunCycleAsync();
        Harness.Server.Site("grimmeissen").Add();
        Harness.Server.Discord.Webhook("grimmeissen").Deleted = true;
        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");
        await monitor.RunCycleAsync();
        await monitor.Services.GetRequiredService<MemoryProfiler>().WriteReportAsync(CancellationToken.None);
        await monitor.Services.GetRequiredService<MemoryReport>().WriteFileAsync(CancellationToken.None);

        var files = Directory.GetFiles(Path.Combine(Harness.StateDirectory, "new"), "*", SearchOption.AllDirectories);
        Assert.Equal(
            ["memory-*.csv", "memory-report.md", "memory-report.svg", "memory-snapshot-*.json", "watchmon.db", "watchmon.db-shm", "watchmon.db-wal"],
            files.Select(Pattern).Order(StringComparer.Ordinal));
        Assert.All(files, file => Assert.True(File.GetUnixFileMode(file) == OwnerFile, $"{file}: {File.GetUnixFileMode(file)}"));
        Assert.All([Path.Combine(Harness.StateDirectory, "new"), state, reports], directory =>
            Assert.True(File.GetUnixFileMode(directory) == OwnerDirectory, $"{directory}: {File.GetUnixFileMode(directory)}"));
    }

    [UnixFact]
    public async Task Start_WorldReadableJsonFilesToImport_DatabaseIsOwnerOnlyAndTheFilesUnchanged()
    {
        await File.WriteAllTextAsync(Harness.SeenFile, "{\"worldoftime\": []}");
        const UnixFileMode worldReadable = OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(Harness.SeenFile, worldReadable);

        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();

        Assert.Equal(worldReadable, File.GetUnixFileMode(Harness.SeenFile));
        Assert.All(Directory.GetFiles(Harness.StateDirectory, "watchmon.db*"), file => Assert.True(File.GetUnixFileMode(file) == OwnerFile, $"{file}: {File.GetUnixFileMode(file)}"));
    }

    [UnixFact]
    public async Task Init_NewAndForcedOverWorldReadable_EnvFileIsOwnerOnly()
    {
        var directory = Path.Combine(Harness.StateDirectory, "init");
        Directory.CreateDirectory(directory);
        var env = Path.Combine(directory, ".env");

        var created = await WatchmonProcess.RunAsync(directory, new Dictionary<string, string?>(), "init");
        var createdMode = File.GetUnixFileMode(env);
        File.SetUnixFileMode(env, OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var forced = await WatchmonProcess.RunAsync(directory, new Dictionary<string, string?>(), "init", "--force");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(OwnerFile, createdMode);
        Assert.Equal(OwnerFile, File.GetUnixFileMode(env));
        Assert.Contains("WORLDOFTIME_WEBHOOK_URL", await File.ReadAllTextAsync(env), StringComparison.Ordinal);
    }

    private static string Pattern(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("memory-snapshot-", StringComparison.Ordinal) ? "memory-snapshot-*.json"
            : name.StartsWith("memory-", StringComparison.Ordinal) && name.EndsWith(".csv", StringComparison.Ordinal) ? "memory-*.csv"
            : name;
    }
}
