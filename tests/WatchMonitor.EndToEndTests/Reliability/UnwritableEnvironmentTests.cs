namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// Issue 10, item 11: a working directory or state file the service user may not write or read ends every command
/// with one line naming the path and the fix, exit 2, never a stack trace. The real executable runs as an
/// unprivileged user (<see cref="Unprivileged"/>), so these run under root CI too.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnwritableEnvironmentTests : IDisposable
{
    private static readonly Dictionary<string, string?> Quiet = new(StringComparer.Ordinal)
    {
        ["SKIP_SITES"] = "worldoftime,grimmeissen,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck",
        ["ENABLE_EXCHANGE_RATE_CONVERSION"] = "false",
        ["HEALTH_ENABLED"] = "false",
        ["CHECK_INTERVAL_SECONDS"] = "3600",
    };

    private readonly string _directory = Unprivileged.CreateWritableDirectory();

    [UnprivilegedFact]
    public async Task Once_UnwritableWorkingDirectory_OneLineNamingTheDirectoryExitTwo() =>
        AssertLockRefused(await RunInUnwritableDirectoryAsync("once"));

    [UnprivilegedFact]
    public async Task Run_UnwritableWorkingDirectory_OneLineNamingTheDirectoryExitTwo() =>
        AssertLockRefused(await RunInUnwritableDirectoryAsync("run"));

    [UnprivilegedFact]
    public async Task Init_UnwritableWorkingDirectory_OneLineNamingTheFileAndTheFixExitTwo()
    {
        var result = await RunInUnwritableDirectoryAsync("init");

        var line = SingleErrorLine(result);
        Assert.StartsWith($"error: cannot write {Path.Combine(_directory, ".env")} (permission denied). Run 'watchmon init' in a directory the user ", line, StringComparison.Ordinal);
        Assert.Contains($"may write, or give it write access (e.g. chown ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, ".env")));
    }

    [UnprivilegedFact]
    public async Task Once_UnreadableSeenFile_OneLineNamingTheFileAndTheFixExitTwo()
    {
        var seen = Path.Combine(_directory, "seen_watches.json");
        await File.WriteAllTextAsync(seen, "{\"worldoftime\": [\"a\"]}");
        Unprivileged.MakeUnreadable(seen);

        var result = await WatchmonProcess.RunUnprivilegedAsync(_directory, Quiet, "once");

        var line = SingleErrorLine(result);
        Assert.StartsWith($"error: Cannot read the state file {seen} (permission denied). The monitor does not start without it", line, StringComparison.Ordinal);
        Assert.EndsWith($"chmod 600 {seen}), then start again.", line, StringComparison.Ordinal);
        Assert.Equal("{\"worldoftime\": [\"a\"]}", await File.ReadAllTextAsync(seen));
    }

    [UnprivilegedFact]
    public async Task Run_UnreadableDotEnv_OneLineNamingTheFileAndTheFixExitTwo()
    {
        var env = Path.Combine(_directory, ".env");
        await File.WriteAllTextAsync(env, "CHECK_INTERVAL_SECONDS=300\n");
        Unprivileged.MakeUnreadable(env);

        var result = await WatchmonProcess.RunUnprivilegedAsync(_directory, Quiet, "run");

        var line = SingleErrorLine(result);
        Assert.StartsWith($"error: Cannot read {env} (permission denied): give the user watchmon runs as (", line, StringComparison.Ordinal);
        Assert.EndsWith($"chmod 600 {env}).", line, StringComparison.Ordinal);
    }

    [UnprivilegedFact]
    public async Task Run_SigtermAfterACycle_FlushesAndExitsZero()
    {
        using var monitor = WatchmonProcess.StartUnprivileged(_directory, Quiet, "run");
        await monitor.WaitForOutputAsync("Cycle done");

        var exitCode = await monitor.TerminateAsync();

        Assert.True(exitCode == 0, $"exit {exitCode}:{Environment.NewLine}{monitor.Output}{monitor.Error}");
        Assert.Equal("", monitor.Error);
        Assert.True(File.Exists(Path.Combine(_directory, "watchmon.db")));
    }

    [UnprivilegedFact]
    public async Task Run_DirectoryUnwritableAtSigterm_StopsCleanlyBecauseEveryCycleIsAlreadyCommitted()
    {
        using var monitor = WatchmonProcess.StartUnprivileged(_directory, Quiet, "run");
        await monitor.WaitForOutputAsync("Cycle done");
        Unprivileged.MakeUnwritable(_directory);

        var exitCode = await monitor.TerminateAsync();

        // The database and its WAL are open files: folding the WAL in at stop needs no new file in the directory.
        Assert.True(exitCode == 0, $"exit {exitCode}:{Environment.NewLine}{monitor.Output}{monitor.Error}");
        Assert.Equal("", monitor.Error);
    }

    public void Dispose() => Unprivileged.Delete(_directory);

    private Task<WatchmonResult> RunInUnwritableDirectoryAsync(string command)
    {
        Unprivileged.MakeUnwritable(_directory);
        return WatchmonProcess.RunUnprivilegedAsync(_directory, Quiet, command);
    }

    private void AssertLockRefused(WatchmonResult result)
    {
        var line = SingleErrorLine(result);
        Assert.StartsWith($"error: cannot create the lock file {Path.Combine(_directory, "watchmon.lock")} (permission denied). The user watchmon runs as (", line, StringComparison.Ordinal);
        Assert.Contains($"needs write access to {_directory}: e.g. chown ", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    private static bool IsLogLine(string line) => line.Length > 20 && char.IsAsciiDigit(line[0]) && line[19..].StartsWith(" info: ", StringComparison.Ordinal);

    private static string SingleErrorLine(WatchmonResult result)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}:{Environment.NewLine}{result.All}");
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.All, StringComparison.Ordinal);
        // 'once' logs to stderr as well (its table owns stdout): the one error line is what the user must read.
        return Assert.Single(result.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), line => !IsLogLine(line));
    }
}
