using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WatchMonitor.State;

/// <summary>
/// One SQLite file in WAL mode. Writes commit with <c>synchronous=FULL</c>, so a listing marked seen and the message
/// that announces it reach the disk together or not at all, even on a power cut. Each connection's page cache is
/// capped at <see cref="CacheKibibytes"/>.
/// </summary>
internal sealed class SqliteStateProvider(string path) : StateProvider
{
    internal const int CacheKibibytes = 1024;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public override string MigrationFolder => "Sqlite";

    public override bool Exists => File.Exists(Path) && new FileInfo(Path).Length > 0;

    public override long LogBytes => new FileInfo(Path + "-wal") is { Exists: true } wal ? wal.Length : 0;

    public override DbConnection OpenConnection(bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            StateDatabase.Execute(connection, $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-{CacheKibibytes}; PRAGMA temp_store=MEMORY;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override void CreateStorage()
    {
        OwnerOnlyFiles.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // SQLite gives its -wal and -shm files the database file's mode, so creating it 0600 covers all three.
        using (new FileStream(Path, OwnerOnlyFiles.Creating(FileMode.OpenOrCreate)))
        {
        }
    }

    public override void Prepare(DbConnection connection)
    {
        StateDatabase.Execute(connection, "PRAGMA journal_mode=WAL;");
        var check = StateDatabase.Scalar<string>(connection, "PRAGMA quick_check;");
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new StateFileException(Describe($"it fails SQLite's check ({check})"));
        }
    }

    public override int ReadVersion(DbConnection connection, DbTransaction? transaction) =>
        StateDatabase.Scalar<int>(connection, "PRAGMA user_version;", transaction);

    public override void WriteVersion(DbConnection connection, DbTransaction transaction, int version) =>
        StateDatabase.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version={version};"), transaction);

    public override void Delete()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(Path + suffix);
        }
    }

    public override long Checkpoint(DbConnection connection) => StateDatabase.Scalar<long>(connection, "PRAGMA wal_checkpoint(TRUNCATE);");

    public override long Optimize(DbConnection connection)
    {
        StateDatabase.Execute(connection, "PRAGMA optimize;");
        long pages;
        using (var command = SqlValues.Command(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);"))
        using (var reader = command.ExecuteReader())
        {
            pages = reader.Read() ? reader.GetInt64(2) : 0;
        }

        StateDatabase.Execute(connection, "PRAGMA shrink_memory;");
        return pages;
    }

    public override (long Freed, long Held) ReleaseMemory()
    {
        var before = SQLitePCL.raw.sqlite3_memory_used();
        SqliteConnection.ClearAllPools();
        var after = SQLitePCL.raw.sqlite3_memory_used();
        return (before - after, after);
    }

    public override string Cause(DbException exception)
    {
        SqliteConnection.ClearAllPools();
        return (exception as SqliteException)?.SqliteErrorCode switch
        {
            26 => "it is not a SQLite database, or it is encrypted",
            11 => "it is damaged (SQLite: database disk image is malformed)",
            14 => "it cannot be opened: check that the file and its directory are the monitor user's and writable",
            8 => "it is read-only: give the monitor's user write access to the file and its directory",
            13 => "the disk is full: free some space",
            _ => exception.Message,
        };
    }

    public override string Describe(string problem) =>
        $"The state database {Path} cannot be used: {problem}. The monitor does not start, so that nothing in it is lost or overwritten. "
        + $"Restore it from a backup, or move it aside and start with --skip-import to begin with empty state (every site then takes a silent baseline).";
}
