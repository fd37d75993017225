using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace WatchMonitor.State;

/// <summary>
/// The state in a PostgreSQL database (schema per <c>Search Path</c>), through one pooled data source. Durability is
/// the server's; several monitors may share the database, so migrations take a transaction-scoped advisory lock.
/// </summary>
internal sealed partial class PostgresStateProvider : StateProvider, IDisposable
{
    // Any constant unlikely to collide with another application's advisory locks on the same server ("WMON").
    private const long MigrationLockKey = 0x574D_4F4E;
    // Two rounds renewing and taking each other's rows in different orders deadlock (40P01, seen in the failover run).
    private const long LeaseRoundLockKey = 0x574D_4C53;
    private const int DefaultMaxPoolSize = 8;

    private readonly Lock _gate = new();
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly string _displayName;
    private NpgsqlDataSource? _dataSource;
    private bool _dataSourceReadOnly;

    public PostgresStateProvider(StateLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        _settings = new NpgsqlConnectionStringBuilder(location.PostgresConnectionString);
        _displayName = location.DisplayName;
        if (!SetsPoolSize(location.PostgresConnectionString!))
        {
            _settings.MaxPoolSize = DefaultMaxPoolSize;
        }
    }

    public override string MigrationFolder => "Postgres";

    public override bool Exists
    {
        get
        {
            try
            {
                // Whichever pool is open: a read-only command asks through its read-only connections.
                using var connection = OpenConnection(readOnly: _dataSource is not null && _dataSourceReadOnly);
                return SchemaVersionTableExists(connection, null);
            }
            catch (DbException exception)
            {
                throw new StateFileException(Describe(Cause(exception)), exception);
            }
        }
    }

    public override DbConnection OpenConnection(bool readOnly) => DataSource(readOnly).OpenConnection();

    public override DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction(IsolationLevel.ReadCommitted);

    public override int ReadVersion(DbConnection connection, DbTransaction? transaction) =>
        SchemaVersionTableExists(connection, transaction) ? StateDatabase.Scalar<int>(connection, "SELECT version FROM schema_version;", transaction) : 0;

    public override void WriteVersion(DbConnection connection, DbTransaction transaction, int version) =>
        StateDatabase.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
            DELETE FROM schema_version;
            INSERT INTO schema_version (version) VALUES ({version});
            """), transaction);

    // The server looks a table up in a catalog cache that waiting for an advisory lock does not refresh, so a second
    // first start can miss the tables the first one just committed; its next transaction sees them.
    public override bool IsConcurrentMigration(DbException exception) =>
        exception is PostgresException { SqlState: "42P07" or "42P06" or "42710" or "23505" };

    public override void LockForLeaseRound(DbConnection connection, DbTransaction transaction) =>
        StateDatabase.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LeaseRoundLockKey});"), transaction);

    public override void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
        StateDatabase.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({MigrationLockKey});"), transaction);
        if (FirstSearchPathSchema() is { } schema)
        {
            StateDatabase.Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {schema};", transaction);
        }
    }

    public override void ContinueIdentity(DbConnection connection, DbTransaction transaction, string table, string column) =>
        StateDatabase.Execute(connection, $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE(MAX({column}), 0) + 1, false) FROM {table};", transaction);

    public override void Delete()
    {
        var tables = string.Join(", ", SchemaMigrator.ScriptTexts(MigrationFolder).SelectMany(script => CreatedTable().Matches(script)).Select(match => match.Groups[1].Value).Append("schema_version"));
        var functions = SchemaMigrator.ScriptTexts(MigrationFolder).SelectMany(script => CreatedFunction().Matches(script)).Select(match => match.Groups[1].Value).ToList();
        using var connection = OpenConnection(readOnly: false);
        using var transaction = BeginWrite(connection);
        StateDatabase.Execute(connection, $"DROP TABLE IF EXISTS {tables} CASCADE;", transaction);
        if (functions.Count > 0)
        {
            StateDatabase.Execute(connection, $"DROP FUNCTION IF EXISTS {string.Join(", ", functions)} CASCADE;", transaction);
        }

        transaction.Commit();
    }

    public override (long Freed, long Held) ReleaseMemory()
    {
        lock (_gate)
        {
            _dataSource?.Clear();
        }

        return (0, 0);
    }

    public override string Cause(DbException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var server = string.Create(CultureInfo.InvariantCulture, $"{_settings.Host}:{_settings.Port}");
        var cause = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"the server {server} refused user '{_settings.Username}' (authentication failed): check Username and Password in STATE_DATABASE, and that the server's pg_hba.conf lets this user in from this machine",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"the database '{_settings.Database}' does not exist on {server}: create it (createdb -O {_settings.Username} {_settings.Database}) or correct Database= in STATE_DATABASE",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } postgres =>
                $"user '{_settings.Username}' lacks a privilege ({postgres.MessageText}): let it create tables in its schema (GRANT CREATE ON SCHEMA … TO {_settings.Username}) or use a database it owns",
            PostgresException postgres => $"PostgreSQL said: {postgres.MessageText} ({postgres.SqlState})",
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } or NpgsqlException { IsTransient: true } =>
                $"cannot connect to the PostgreSQL server {server} ({exception.InnerException?.Message ?? exception.Message}): check that it runs and accepts TCP connections from this machine, and Host and Port in STATE_DATABASE",
            _ => exception.Message,
        };
        return string.IsNullOrEmpty(_settings.Password) ? cause : cause.Replace(_settings.Password, "***", StringComparison.Ordinal);
    }

    public override string Describe(string problem) =>
        $"The state database {_displayName} cannot be used: {problem}. The monitor does not start without its state, so that no site re-takes its baseline and nothing is sent twice.";

    public void Dispose()
    {
        lock (_gate)
        {
            _dataSource?.Dispose();
            _dataSource = null;
        }
    }

    private NpgsqlDataSource DataSource(bool readOnly)
    {
        lock (_gate)
        {
            if (_dataSource is null || _dataSourceReadOnly != readOnly)
            {
                _dataSource?.Dispose();
                var settings = new NpgsqlConnectionStringBuilder(_settings.ConnectionString);
                if (readOnly)
                {
                    settings.Options = ((settings.Options ?? "") + " -c default_transaction_read_only=on").Trim();
                }

                _dataSource = new NpgsqlSlimDataSourceBuilder(settings.ConnectionString).Build();
                _dataSourceReadOnly = readOnly;
            }

            return _dataSource;
        }
    }

    private static bool SchemaVersionTableExists(DbConnection connection, DbTransaction? transaction) =>
        StateDatabase.Scalar<bool>(connection, "SELECT to_regclass('schema_version') IS NOT NULL;", transaction);

    // Created on first use, like the SQLite file: only a plain name, which the server folds to lower case as Npgsql sends it.
    private string? FirstSearchPathSchema() =>
        _settings.SearchPath?.Split(',')[0].Trim() is { Length: > 0 } first && PlainName().IsMatch(first) ? first.ToLowerInvariant() : null;

    private static bool SetsPoolSize(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return parts.Keys.Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .Any(key => key is "maximumpoolsize" or "maxpoolsize");
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();

    [GeneratedRegex(@"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedTable();

    [GeneratedRegex(@"CREATE (?:OR REPLACE )?FUNCTION (\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedFunction();
}
