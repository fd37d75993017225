using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// The monitor's one SQLite database (STATE_DATABASE, default <c>watchmon.db</c>), in WAL mode. Every write runs in
/// one transaction under a process-wide gate and commits with <c>synchronous=FULL</c>, so a listing marked seen and
/// the message that announces it reach the disk together or not at all, even on a power cut.
/// </summary>
/// <remarks>
/// Reads take their own pooled connection and never wait for a write (WAL). Each connection's page cache is capped at
/// <see cref="CacheKibibytes"/>; <see cref="ReleaseMemory"/> gives it all back.
/// </remarks>
public sealed partial class StateDatabase(string path, ILogger<StateDatabase> logger)
{
    internal const int CacheKibibytes = 1024;

    private readonly Lock _writeGate = new();
    private readonly Lock _openGate = new();
    private bool _createdHere;
    private readonly string _path = System.IO.Path.GetFullPath(path);
    private volatile bool _open;
    private volatile bool _readOnly;

    public string Path => _path;

    /// <summary>The directory the database lives in (and its <c>-wal</c>, <c>-shm</c> files).</summary>
    public string Directory => System.IO.Path.GetDirectoryName(_path)!;

    public bool Exists => File.Exists(_path) && new FileInfo(_path).Length > 0;

    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = _path,
        Mode = _readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Creates the file (0600, in a 0700 directory) when missing, checks it, and applies the pending migrations.
    /// </summary>
    /// <returns>Whether this process created the database (an import may then fill it), also when asked again.</returns>
    /// <exception cref="StateFileException">The file cannot be opened, is not a database, or fails its check.</exception>
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
    /// <exception cref="StateFileException">The file cannot be opened or is not a database.</exception>
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
                if (Scalar<int>(connection, "PRAGMA user_version;") != SchemaMigrator.CurrentVersion)
                {
                    _readOnly = false;
                    return false;
                }
            }
            catch (SqliteException exception)
            {
                SqliteConnection.ClearAllPools();
                _readOnly = false;
                throw new StateFileException(Describe(Cause(exception)), exception);
            }

            _open = true;
            return true;
        }
    }

    /// <summary>Deletes the database and its WAL files (a failed import's new database), so the next start begins again.</summary>
    public void Delete()
    {
        lock (_openGate)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(_path + suffix);
            }

            _open = false;
        }
    }

    private bool OpenOnce()
    {
        var created = !Exists;
        try
        {
            if (created)
            {
                OwnerOnlyFiles.CreateDirectory(Directory);
                // SQLite gives its -wal and -shm files the database file's mode, so creating it 0600 covers all three.
                using (new FileStream(_path, OwnerOnlyFiles.Creating(FileMode.OpenOrCreate)))
                {
                }
            }

            using var connection = OpenConnection();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            var check = Scalar<string>(connection, "PRAGMA quick_check;");
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw new StateFileException(Describe($"it fails SQLite's check ({check})"));
            }

            var applied = SchemaMigrator.Migrate(connection);
            if (applied > 0)
            {
                Log.Migrated(logger, _path, SchemaMigrator.CurrentVersion, applied);
            }
        }
        catch (SqliteException exception)
        {
            SqliteConnection.ClearAllPools();
            throw new StateFileException(Describe(Cause(exception)), exception);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException and not StateFileException)
        {
            throw StateFileException.Unreadable(_path, exception);
        }

        return created;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it durably; rolls back on any exception.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureWritable();
        lock (_writeGate)
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    public void Write(Action<SqliteConnection, SqliteTransaction> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Write<bool>((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        });
    }

    /// <summary>Runs <paramref name="work"/> on a connection of its own; WAL readers see the last commit and do not block writers.</summary>
    public T Read<T>(Func<SqliteConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureOpen();
        using var connection = OpenConnection();
        return work(connection);
    }

    /// <summary>Runs a statement outside any transaction (checkpoints, <c>PRAGMA optimize</c>), under the write gate.</summary>
    public T Maintain<T>(Func<SqliteConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureWritable();
        lock (_writeGate)
        {
            using var connection = OpenConnection();
            return work(connection);
        }
    }

    /// <summary>Closes every pooled connection, which frees their page caches.</summary>
    public static void ReleaseMemory() => SqliteConnection.ClearAllPools();

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-{CacheKibibytes}; PRAGMA temp_store=MEMORY;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    internal static T? Scalar<T>(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
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
            throw new InvalidOperationException($"The state database {_path} was opened read-only.");
        }
    }

    private void EnsureOpen()
    {
        if (!_open)
        {
            Open();
        }
    }

    private static string Cause(SqliteException exception) => exception.SqliteErrorCode switch
    {
        26 => "it is not a SQLite database, or it is encrypted",
        11 => "it is damaged (SQLite: database disk image is malformed)",
        14 => "it cannot be opened: check that the file and its directory are the monitor user's and writable",
        8 => "it is read-only: give the monitor's user write access to the file and its directory",
        13 => "the disk is full: free some space",
        _ => exception.Message,
    };

    private string Describe(string problem) =>
        $"The state database {_path} cannot be used: {problem}. The monitor does not start, so that nothing in it is lost or overwritten. "
        + $"Restore it from a backup, or move it aside and start with --skip-import to begin with empty state (every site then takes a silent baseline).";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "State database {Path} is at schema version {Version} ({Applied} migration(s) applied).")]
        public static partial void Migrated(ILogger logger, string path, int version, int applied);
    }
}
