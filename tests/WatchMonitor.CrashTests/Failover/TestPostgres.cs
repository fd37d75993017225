using System.Globalization;
using Npgsql;

namespace WatchMonitor.CrashTests.Failover;

/// <summary>
/// The PostgreSQL server the failover run uses: <c>WATCHMON_TEST_POSTGRES</c> (a connection string with a superuser,
/// CI exports its throwaway cluster's). Each run gets a database of its own, dropped afterwards.
/// </summary>
internal static class TestPostgres
{
    public const string ConnectionVariable = "WATCHMON_TEST_POSTGRES";
    public const string RequiredVariable = "WATCHMON_REQUIRE_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>Why the test does not run here, or null when it does (it then fails if the server is missing).</summary>
    public static string? SkipReason =>
        ConnectionString is null && !Required
            ? $"Needs a PostgreSQL server: set {ConnectionVariable} to a connection string (CI does, with {RequiredVariable}=1)."
            : null;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var server = ConnectionString ?? throw new InvalidOperationException(
            $"{RequiredVariable}=1 but {ConnectionVariable} is not set: start a server (.ci/postgres start DIR) and export its connection string.");
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE {name};", cancellationToken).ConfigureAwait(false);
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(server, name, builder.ConnectionString);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A database of one run; disposing drops it, closing whatever connection is left.</summary>
internal sealed class TestDatabase(string server, string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", CancellationToken.None).ConfigureAwait(false);
    }
}
