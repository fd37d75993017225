using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WatchMonitor.State;

namespace WatchMonitor.Tests.Cli;

/// <summary>The real <c>watchmon import</c>: arguments, exit codes and output, into SQLite and (when configured) PostgreSQL.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("watchmon-import-");

    private string Source => Path.Combine(_directory.FullName, "old", "watchmon.db");

    private string Target => Path.Combine(_directory.FullName, "new", "watchmon.db");

    [Fact]
    public async Task Import_WithoutFrom_ExitsTwo()
    {
        var (exitCode, _, stderr) = await RunAsync(["import"], Target);

        Assert.Equal(2, exitCode);
        Assert.Contains("--from", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FromAMissingFile_ExitsTwoNamingIt()
    {
        var (exitCode, _, stderr) = await RunAsync(["import", "--from", "nowhere.db"], Target);

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: --from {Path.Combine(_directory.FullName, "nowhere.db")} does not exist: give the path of the monitor's SQLite state file (watchmon.db).{Environment.NewLine}", stderr);
    }

    [Fact]
    public async Task Import_IntoSqlite_CopiesPrintsPerTableRefusesASecondTimeAndMerges()
    {
        CreateSource();

        var (exitCode, stdout, stderr) = await RunAsync(["import", "--from", Source], Target);
        var (againCode, _, againError) = await RunAsync(["import", "--from", Source], Target);
        var (mergeCode, mergeOutput, _) = await RunAsync(["import", "--from", Source, "--merge"], Target);

        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Contains($"Imported {Source} (schema version {SchemaMigrator.CurrentVersion}) into {Target}:", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  listing +2 copied\r?\n", stdout);
        Assert.Matches(@"\n  outbox +1 copied\r?\n", stdout);
        Assert.Contains("4 row(s) copied.", stdout, StringComparison.Ordinal);
        Assert.Equal(1, againCode);
        Assert.StartsWith($"error: {Target} already holds 2 listing(s) of 1 site(s); nothing was imported. Run again with --merge", againError, StringComparison.Ordinal);
        Assert.Equal(0, mergeCode);
        Assert.Contains("0 row(s) copied, 4 already there and left as they were.", mergeOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MonitorRunsOnTheSource_ExitsOneWithTheLocksMessage()
    {
        CreateSource();
        using var running = InstanceLock.Acquire(Path.GetDirectoryName(Source)!);

        var (exitCode, _, stderr) = await RunAsync(["import", "--from", Source], Target);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: another watchmon (pid {Environment.ProcessId}) is using {Path.GetDirectoryName(Source)}. Stop it first", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    [PostgresCliFact]
    public async Task Import_IntoPostgres_ThenExportWorksAndErrorsMaskThePassword()
    {
        CreateSource();
        var schema = "wm_cli_" + Guid.NewGuid().ToString("N")[..16];
        var target = new NpgsqlConnectionStringBuilder(PostgresCliFactAttribute.ConnectionString) { SearchPath = schema, Password = "SECRET_PW" }.ConnectionString;
        try
        {
            var (exitCode, stdout, stderr) = await RunAsync(["import", "--from", Source], target);
            var (exportCode, exportOutput, exportError) = await RunAsync(["export", "--seen", "seen.json"], target);
            var (againCode, againOutput, againError) = await RunAsync(["import", "--from", Source], target);

            Assert.Equal((0, ""), (exitCode, stderr));
            Assert.Contains("Password=***", stdout, StringComparison.Ordinal);
            Assert.Equal((0, ""), (exportCode, exportError));
            Assert.Contains("Wrote 2 seen ids", exportOutput, StringComparison.Ordinal);
            Assert.Contains("\"a\"", await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "seen.json")), StringComparison.Ordinal);
            Assert.Equal(1, againCode);
            Assert.Contains("Password=***", againError, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET_PW", stdout + exportOutput + againOutput + againError, StringComparison.Ordinal);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresCliFactAttribute.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE;", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private void CreateSource()
    {
        using (var database = new StateDatabase(Source, NullLogger<StateDatabase>.Instance))
        {
            database.Write((connection, transaction) => StateDatabase.Execute(connection, """
                INSERT INTO site (key) VALUES ('watch_out');
                INSERT INTO listing (site, id, url, alert) VALUES ('watch_out', 'a', 'https://example.test/a', 'sent'), ('watch_out', 'b', 'https://example.test/b', 'queued');
                INSERT INTO outbox (destination, site, composite_id, kind, dedup_key, payload, enqueued_at, next_attempt_at, format)
                    VALUES ('discord-aaaaaaaaaaaa', 'watch_out', 'b', 'NewListing', 'NewListing:b', '{}', 1, 1, 'event');
                """, transaction));
        }

        SqliteConnection.ClearAllPools();
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] arguments, string stateDatabase)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "watchmon.dll");
        var start = new ProcessStartInfo("dotnet", [executable, .. arguments])
        {
            WorkingDirectory = _directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["STATE_DATABASE"] = stateDatabase;
        start.Environment["SKIP_SITES"] = "grimmeissen,worldoftime,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck";
        start.Environment["ENABLE_EXCHANGE_RATE_CONVERSION"] = "false";
        start.Environment["Health__Enabled"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A CLI test that needs the PostgreSQL test server (WATCHMON_TEST_POSTGRES); skipped without one.</summary>
public sealed class PostgresCliFactAttribute : FactAttribute
{
    public PostgresCliFactAttribute()
    {
        if (ConnectionString is null)
        {
            Skip = "PostgreSQL state suite: set WATCHMON_TEST_POSTGRES";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("WATCHMON_TEST_POSTGRES") is { Length: > 0 } value ? value : null;
}
