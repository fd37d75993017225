using Npgsql;

namespace WatchMonitor.Core.Tests.State;

public enum StateEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The engines the state suite runs on: SQLite always, PostgreSQL when WATCHMON_TEST_POSTGRES holds a server's
/// connection string, or when WATCHMON_REQUIRE_POSTGRES=1 (CI), where a missing or unreachable server fails the tests.
/// </summary>
public static class StateEngines
{
    public const string SkipReason = "PostgreSQL state suite: set WATCHMON_TEST_POSTGRES";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("WATCHMON_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool PostgresRequired => Environment.GetEnvironmentVariable("WATCHMON_REQUIRE_POSTGRES") is "1" or "true";

    public static bool PostgresEnabled => PostgresConnectionString is not null || PostgresRequired;

    public static TheoryData<StateEngine> All()
    {
        var engines = new TheoryData<StateEngine> { StateEngine.Sqlite };
        if (PostgresEnabled)
        {
            engines.Add(StateEngine.Postgres);
        }

        return engines;
    }

    /// <summary>The server's connection string, or a failure that says how to provide one.</summary>
    public static string RequirePostgres() => PostgresConnectionString
        ?? throw new InvalidOperationException("WATCHMON_REQUIRE_POSTGRES is set but WATCHMON_TEST_POSTGRES is not: export a PostgreSQL connection string (Host=…;Username=…;Database=…), e.g. from '.ci/postgres start DIR'.");

    /// <summary>A fresh schema on the test server; dropped by <see cref="DropSchema"/>.</summary>
    public static string CreateSchema()
    {
        var name = "wm_test_" + Guid.NewGuid().ToString("N")[..16];
        Run($"CREATE SCHEMA {name};");
        return name;
    }

    public static void DropSchema(string name) => Run($"DROP SCHEMA IF EXISTS {name} CASCADE;");

    public static string WithSearchPath(string schema) => new NpgsqlConnectionStringBuilder(RequirePostgres()) { SearchPath = schema }.ConnectionString;

    private static void Run(string sql)
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(RequirePostgres()) { Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException($"The PostgreSQL server of WATCHMON_TEST_POSTGRES cannot be used ({exception.Message}): start it (.ci/postgres start DIR) or unset WATCHMON_TEST_POSTGRES and WATCHMON_REQUIRE_POSTGRES to run on SQLite only.", exception);
        }
    }
}

/// <summary>A test that needs the PostgreSQL server: skipped, with the suite's reason, when none is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!StateEngines.PostgresEnabled)
        {
            Skip = StateEngines.SkipReason;
        }
    }
}
