using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// The monitor's one state database (STATE_DATABASE): a SQLite file (default <c>watchmon.db</c>, in WAL mode) or a
/// PostgreSQL database (<see cref="StateLocation"/>). Every write runs in one transaction under a process-wide gate,
/// so a listing marked seen and the message that announces it are committed together or not at all.
/// </summary>
/// <remarks>
/// Reads take their own pooled connection and never wait for a write. What differs between the engines is in their
/// <see cref="StateProvider"/>; the SQL of the stores is written for both.
/// </remarks>
public sealed partial class StateDatabase : IDisposable
{
    private readonly Lock _writeGate = new();
    private readonly Lock _openGate = new();
    private readonly StateProvider _provider;
    private readonly ILogger<StateDatabase> _logger;
    private bool _createdHere;
    private volatile bool _open;
    private volatile bool _readOnly;

    /// <exception cref="FormatException">STATE_DATABASE is a PostgreSQL URL or connection string that cannot be read.</exception>
    public StateDatabase(string setting, ILogger<StateDatabase> logger)
    {
        Location = StateLocation.Parse(setting);
        _provider = Location.IsPostgres ? new PostgresStateProvider(Location) : new SqliteStateProvider(Location.SqlitePath!);
        _logger = logger;
    }

    public StateLocation Location { get; }

    public bool IsPostgres => Location.IsPostgres;

    /// <summary>The SQLite file's path, or the PostgreSQL connection string with its password masked: safe to print.</summary>
    public string DisplayName => Location.DisplayName;

    /// <inheritdoc cref="DisplayName"/>
    public string Path => DisplayName;

    /// <summary>The directory the SQLite file lives in (and its <c>-wal</c>, <c>-shm</c> files); the working directory for PostgreSQL.</summary>
    public string Directory => Location.SqlitePath is { } path ? System.IO.Path.GetDirectoryName(path)! : Environment.CurrentDirectory;

    /// <summary>Whether the database was created before: a non-empty SQLite file, or PostgreSQL's <c>schema_version</c> table.</summary>
    /// <exception cref="StateFileException">The PostgreSQL server cannot be reached.</exception>
    public bool Exists => _provider.Exists;

    internal StateProvider Provider => _provider;

    /// <summary>
    /// Creates the database when missing (SQLite: 0600, in a 0700 directory), checks it, and applies the pending migrations.
    /// </summary>
    /// <returns>Whether this process created the database (an import may then fill it), also when asked again.</returns>
    /// <exception cref="StateFileException">The database cannot be opened, is not a database, or fails its check.</exception>
    public bool Open()
    {
        lock (_openGate)
        {
            if (!_open)
            {
                _createdHere = OpenOnce();
                _open = true;
            }

            return _createdHere;
        }
    }

    /// <summary>
    /// Opens an existing database for reading only, for a command that must not change it (<c>watchmon sites</c>):
    /// nothing is created, checked by writing, or migrated, and every write throws.
    /// </summary>
    /// <returns>False when there is no database, or it is at another schema version than this build reads (the next
    /// <c>watchmon run</c> migrates it).</returns>
    /// <exception cref="StateFileException">The database cannot be opened or is not a database.</exception>
    public bool OpenReadOnly()
    {
        lock (_openGate)
        {
            if (_open)
            {
                return true;
            }

            if (!Exists)
            {
                return false;
            }

            _readOnly = true;
            try
            {
                using var connection = OpenConnection();
                if (_provider.ReadVersion(connection, null) != SchemaMigrator.CurrentVersion)
                {
                    _readOnly = false;
                    return false;
                }
            }
            catch (DbException exception)
            {
                _readOnly = false;
                throw new StateFileException(_provider.Describe(_provider.Cause(exception)), exception);
            }

            _open = true;
            return true;
        }
    }

    /// <summary>Deletes the database (a failed import's new database), so the next start begins again.</summary>
    public void Delete()
    {
        lock (_openGate)
        {
            _provider.Delete();
            _open = false;
        }
    }

    private bool OpenOnce()
    {
        try
        {
            if (!_provider.Exists)
            {
                _provider.CreateStorage();
            }

            using var connection = OpenConnection();
            _provider.Prepare(connection);
            var (from, applied) = SchemaMigrator.Migrate(_provider, connection);
            if (applied > 0)
            {
                Log.Migrated(_logger, DisplayName, SchemaMigrator.CurrentVersion, applied);
            }

            return from == 0 && applied > 0;
        }
        catch (DbException exception)
        {
            throw new StateFileException(_provider.Describe(_provider.Cause(exception)), exception);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException and not StateFileException)
        {
            throw StateFileException.Unreadable(Location.SqlitePath ?? DisplayName, exception);
        }
    }

    /// <summary>Migrates to <paramref name="targetVersion"/> only, without opening the database for use (tests of later migrations).</summary>
    internal int MigrateTo(int targetVersion)
    {
        if (!_provider.Exists)
        {
            _provider.CreateStorage();
        }

        using var connection = OpenConnection();
        return SchemaMigrator.Migrate(_provider, connection, targetVersion).Applied;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it; rolls back on any exception.</summary>
    public T Write<T>(Func<DbConnection, DbTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureWritable();
        lock (_writeGate)
        {
            using var connection = OpenConnection();
            using var transaction = _provider.BeginWrite(connection);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    public void Write(Action<DbConnection, DbTransaction> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Write<bool>((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        });
    }

    /// <summary>Runs <paramref name="work"/> on a connection of its own; it sees the last commit and does not block writers.</summary>
    public T Read<T>(Func<DbConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureOpen();
        using var connection = OpenConnection();
        return work(connection);
    }

    /// <summary>Runs statements outside any transaction (checkpoints, <c>PRAGMA optimize</c>), under the write gate.</summary>
    public T Maintain<T>(Func<DbConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureWritable();
        lock (_writeGate)
        {
            using var connection = OpenConnection();
            return work(connection);
        }
    }

    /// <summary>At a stop: folds SQLite's WAL into the file, so that a copy of it alone is a complete backup. Nothing on PostgreSQL.</summary>
    public void Checkpoint()
    {
        if (!IsPostgres)
        {
            Maintain(_provider.Checkpoint);
        }
    }

    /// <summary>Refreshes the planner's statistics and truncates SQLite's WAL, then hands back the pooled connections' memory.</summary>
    public StateTidyResult Tidy()
    {
        var logBytes = _provider.LogBytes;
        var pages = IsPostgres ? 0 : Maintain(_provider.Optimize);
        var (freed, held) = _provider.ReleaseMemory();
        return new StateTidyResult(pages, logBytes, freed, held);
    }

    /// <summary>Closes every idle pooled connection, which frees their caches.</summary>
    public void ReleaseMemory() => _provider.ReleaseMemory();

    public void Dispose() => (_provider as IDisposable)?.Dispose();

    internal DbConnection OpenConnection() => _provider.OpenConnection(_readOnly);

    internal static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    internal static T? Scalar<T>(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void EnsureWritable()
    {
        EnsureOpen();
        if (_readOnly)
        {
            throw new InvalidOperationException($"The state database {DisplayName} was opened read-only.");
        }
    }

    private void EnsureOpen()
    {
        if (!_open)
        {
            Open();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "State database {Path} is at schema version {Version} ({Applied} migration(s) applied).")]
        public static partial void Migrated(ILogger logger, string path, int version, int applied);
    }
}

/// <summary>What <see cref="StateDatabase.Tidy"/> did: WAL pages written back, the WAL's size before, memory freed and still held.</summary>
public readonly record struct StateTidyResult(long CheckpointedPages, long LogBytes, long FreedBytes, long HeldBytes);
