using System.Diagnostics;

namespace WatchMonitor.Tests.Cli;

/// <summary>
/// The real <c>watchmon</c> executable refusing a bad configuration or state at start: exit code and stderr, as a
/// user or systemd sees them. Every site is skipped and URLs point at a closed local port: nothing leaves the machine.
/// </summary>
public sealed class InvalidConfigurationCliTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("watchmon-cli-");

    [Fact]
    public async Task Validate_OutOfRangeValueAndUnknownSite_ExitsTwoListingEachWithItsFix()
    {
        await WriteEnvAsync("MAX_RETRIES=11", "Sites__grimeissen__WebhookUrl=https://discord.com/api/webhooks/123456789/SECRET");

        var (exitCode, stdout, stderr) = await RunAsync("validate");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: Invalid configuration:", stderr, StringComparison.Ordinal);
        Assert.Contains("  - MAX_RETRIES=11 is out of range: use a value from 0 to 10 retries, or remove it for the default.", stderr, StringComparison.Ordinal);
        Assert.Contains("  - Sites:grimeissen (environment Sites__grimeissen__…) is no site key. Use one of: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidRoutes_ExitsTwoNamingEachKeyWithoutTheSecrets()
    {
        await WriteEnvAsync(
            "Notifications__Routes__gmt__MaxPrice=abc",
            "Notifications__Routes__gmt__To=ntfys://ntfy.sh/SECRET_TOPIC",
            "Notifications__Routes__team__To=https://example.org/hooks/SECRET");

        var (exitCode, _, stderr) = await RunAsync("validate");

        Assert.Equal(2, exitCode);
        Assert.Contains("  - Notifications:Routes:gmt:MaxPrice: 'abc' is not a number: give a price in euros such as 10000 or 9999.99.", stderr, StringComparison.Ordinal);
        Assert.Contains("  - Notifications:Routes:team:To: https://example.org/*** is neither a Discord webhook", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NonNumericValue_ExitsTwoNamingKeyAndValue()
    {
        var (exitCode, _, stderr) = await RunAsync("run", ("CHECK_INTERVAL_SECONDS", "5m"));

        Assert.Equal(2, exitCode);
        Assert.Equal("error: Invalid configuration:" + Environment.NewLine
            + "  - CHECK_INTERVAL_SECONDS='5m' is not a whole number such as 300: fix the value, or remove it for the default." + Environment.NewLine, stderr);
    }

    [Fact]
    public async Task Run_DotEnvSyntaxError_ExitsTwoNamingTheLine()
    {
        await WriteEnvAsync("# watchmon", "CHECK_INTERVAL_SECONDS=300", "GRIMMEISSEN_WEBHOOK_URL: https://discord.com/api/webhooks/123456789/SECRET");

        var (exitCode, _, stderr) = await RunAsync("run");

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: {Path.Combine(_directory.FullName, ".env")} line 3 is not KEY=VALUE: 'GRIMMEISSEN_…'. Fix or comment out that line." + Environment.NewLine, stderr);
    }

    [Fact]
    public async Task Once_SeenFileUnreadable_ExitsTwoNamingThePathAndTheFix()
    {
        var seen = Path.Combine(_directory.FullName, "seen_watches.json");
        Directory.CreateDirectory(seen);

        var (exitCode, _, stderr) = await RunAsync("once");

        Assert.Equal(2, exitCode);
        // 'once' logs to stderr too, so its table alone is on stdout: the error is the line after the log.
        Assert.StartsWith($"error: Cannot read the state file {seen} (permission denied). The monitor does not start without it", ErrorLine(stderr), StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {seen}), then start again.", stderr, StringComparison.Ordinal);
        Assert.True(Directory.Exists(seen));
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("once")]
    [InlineData("run")]
    public async Task Command_TemplatePlaceholderWebhook_ExitsTwoSayingWhatToPaste(string command)
    {
        await WriteEnvAsync("WORLDOFTIME_WEBHOOK_URL=https://discord.com/api/webhooks/<id>/<token>");

        var (exitCode, _, stderr) = await RunAsync(command);

        Assert.Equal(2, exitCode);
        Assert.Contains("  - WORLDOFTIME_WEBHOOK_URL (or Sites:worldoftime:WebhookUrl) still holds the placeholder of the .env template (<id>/<token>): paste the webhook URL Discord gives", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_DaysNotANumber_ExitsTwoWithAParseErrorNotATypeName()
    {
        var (exitCode, _, stderr) = await RunAsync("stats", "--days", "abc");

        Assert.Equal(2, exitCode);
        Assert.Equal("error: --days 'abc' is not a whole number of days; use e.g. --days 7." + Environment.NewLine, stderr);
    }

    [Fact]
    public async Task Once_CorruptSeenFileToImport_ExitsTwoUntilSkipImportThenStatsListingsAndExportReadTheDatabase()
    {
        var seen = Path.Combine(_directory.FullName, "seen_watches.json");
        await File.WriteAllTextAsync(seen, "{\"worldoftime\": [\"a\", ");

        var (refusedExit, _, refusedError) = await RunAsync("once");
        var (noDatabaseExit, noDatabase, _) = await RunAsync("listings");
        var (skipExit, _, _) = await RunAsync(["once", "--skip-import"], []);
        var (statsExit, stats, _) = await RunAsync("stats");
        var (listingsExit, listings, _) = await RunAsync(["listings", "--since", "7d", "--json"], []);
        var (exportExit, export, _) = await RunAsync(["export", "--seen", "out/seen.json", "--history", "out/history.json"], []);

        Assert.Equal(2, refusedExit);
        Assert.StartsWith($"error: Cannot import {seen}: ", ErrorLine(refusedError), StringComparison.Ordinal);
        Assert.Contains("--skip-import", refusedError, StringComparison.Ordinal);
        Assert.Equal((0, true), (noDatabaseExit, noDatabase.StartsWith("No state database yet at ", StringComparison.Ordinal)));
        Assert.Equal(0, skipExit);
        Assert.Equal((0, true), (statsExit, stats.StartsWith("Last 7 day(s): 1 cycles", StringComparison.Ordinal)));
        Assert.Equal((0, "[]"), (listingsExit, listings.Trim()));
        Assert.Equal(0, exportExit);
        Assert.Contains("Wrote 0 seen ids to ", export, StringComparison.Ordinal);
        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "out", "seen.json")));
        Assert.Equal("{\"worldoftime\": [\"a\", ", await File.ReadAllTextAsync(seen));
    }

    [Fact]
    public async Task StatsListingsAndExport_DatabaseOfAnEarlierSchema_LeaveItUnmigratedAndUnchanged()
    {
        var (skipExit, _, _) = await RunAsync(["once", "--skip-import"], []);
        var database = Path.Combine(_directory.FullName, "watchmon.db");
        SetUserVersion(database, 3);
        var before = await File.ReadAllBytesAsync(database);
        var written = File.GetLastWriteTimeUtc(database);

        var results = new List<(string Command, int ExitCode, string Stderr)>();
        foreach (var command in (string[])["stats", "listings", "export"])
        {
            var (exitCode, _, stderr) = await RunAsync(command);
            results.Add((command, exitCode, stderr));
        }

        Assert.Equal(0, skipExit);
        Assert.All(results, result => Assert.Equal((result.Command, 1, true), (result.Command, result.ExitCode, result.Stderr.Contains("'watchmon once'", StringComparison.Ordinal))));
        Assert.Equal(3, UserVersion(database));
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        Assert.Equal(written, File.GetLastWriteTimeUtc(database));
    }

    [Fact]
    public async Task Stats_CurrentDatabase_DoesNotWriteIt()
    {
        var (skipExit, _, _) = await RunAsync(["once", "--skip-import"], []);
        var database = Path.Combine(_directory.FullName, "watchmon.db");
        Checkpoint(database);
        var before = await File.ReadAllBytesAsync(database);

        var (statsExit, stats, _) = await RunAsync("stats");

        Assert.Equal((0, 0), (skipExit, statsExit));
        Assert.StartsWith("Last 7 day(s): 1 cycles", stats, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        Assert.False(File.Exists(database + "-wal") && new FileInfo(database + "-wal").Length > 0);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static void SetUserVersion(string database, int version)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {version}; PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    private static void Checkpoint(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    private static int UserVersion(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ErrorLine(string stderr) =>
        stderr.Split(Environment.NewLine).FirstOrDefault(line => line.StartsWith("error: ", StringComparison.Ordinal)) ?? stderr;

    private Task WriteEnvAsync(params string[] lines) => File.WriteAllLinesAsync(Path.Combine(_directory.FullName, ".env"), lines);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, params (string Key, string Value)[] environment) =>
        RunAsync([command], environment);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, string option, string value) =>
        RunAsync([command, option, value], []);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] arguments, (string Key, string Value)[] environment)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "watchmon.dll");
        Assert.True(File.Exists(executable), executable);
        var start = new ProcessStartInfo("dotnet", [executable, .. arguments])
        {
            WorkingDirectory = _directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SKIP_SITES"] = "grimmeissen,worldoftime,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck";
        start.Environment["ENABLE_EXCHANGE_RATE_CONVERSION"] = "false";
        start.Environment["EXCHANGE_RATE_API_URL"] = "http://127.0.0.1:9/rates";
        start.Environment["Health__Enabled"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
