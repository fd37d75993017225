using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace WatchMonitor.State;

/// <summary>
/// A consistent copy of a SQLite state file in the temporary directory, taken with SQLite's online backup through a
/// read-only connection (so the source is not even checkpointed), and migrated to this build's schema. Disposing
/// deletes the copy.
/// </summary>
internal sealed class SqliteSnapshot : IDisposable
{
    private static readonly string[] LogSuffixes = ["-wal", "-shm"];

    private SqliteSnapshot(StateDatabase database, int sourceVersion)
    {
        Database = database;
        SourceVersion = sourceVersion;
    }

    public StateDatabase Database { get; }

    /// <summary>The schema version the source file was at before its copy was migrated.</summary>
    public int SourceVersion { get; }

    /// <exception cref="StateImportException">The file is no SQLite database, no watchmon state, or of a newer schema.</exception>
    public static SqliteSnapshot Take(string sourcePath)
    {
        var copyPath = Path.Combine(Path.GetTempPath(), $"watchmon-import-{Guid.NewGuid():N}.db");
        var copy = new StateDatabase(copyPath, NullLogger<StateDatabase>.Instance);
        try
        {
            var version = Backup(sourcePath, copyPath);
            if (version == 0)
            {
                throw new StateImportException($"{sourcePath} is a SQLite database but no watchmon state (it has no schema version). Give --from the monitor's STATE_DATABASE file (watchmon.db).");
            }

            if (version > SchemaMigrator.CurrentVersion)
            {
                throw new StateImportException($"{sourcePath} is at schema version {version}, newer than this build knows ({SchemaMigrator.CurrentVersion}). Import it with the watchmon version that last ran on it, or a newer one.");
            }

            try
            {
                copy.Open();
            }
            catch (StateFileException exception)
            {
                throw new StateImportException($"{sourcePath} cannot be imported: its copy fails to open or migrate ({exception.InnerException?.Message ?? exception.Message}).", exception);
            }

            return new SqliteSnapshot(copy, version);
        }
        catch
        {
            copy.Delete();
            copy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Database.Delete();
        Database.Dispose();
    }

    private static int Backup(string sourcePath, string copyPath)
    {
        using (new FileStream(copyPath, OwnerOnlyFiles.Creating(FileMode.CreateNew)))
        {
        }

        var leftBehind = LogSuffixes.Select(suffix => sourcePath + suffix).Where(path => !File.Exists(path)).ToList();
        try
        {
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copyPath, Pooling = false }.ToString());
            source.Open();
            copy.Open();
            source.BackupDatabase(copy);
            return StateDatabase.Scalar<int>(copy, "PRAGMA user_version;");
        }
        catch (SqliteException exception)
        {
            var cause = exception.SqliteErrorCode switch
            {
                26 => "it is not a SQLite database, or it is encrypted",
                11 => "it is damaged (SQLite: database disk image is malformed); restore it from a backup first",
                14 => "it cannot be opened: check that the current user may read the file and its directory",
                13 => $"the disk of the temporary directory ({Path.GetTempPath()}) is full: free space or point TMPDIR elsewhere",
                _ => exception.Message,
            };
            throw new StateImportException($"Cannot read {sourcePath}: {cause}.", exception);
        }
        finally
        {
            RemoveEmptyLog(sourcePath, leftBehind);
        }
    }

    // A read-only reader of a WAL database creates its -wal and -shm files when they are missing, and cannot remove
    // them on closing. Removing them, when the log is empty and no monitor holds the lock, leaves the directory as it was.
    private static void RemoveEmptyLog(string sourcePath, List<string> createdHere)
    {
        if (createdHere.Count == 2 && new FileInfo(sourcePath + "-wal") is { Exists: true, Length: 0 })
        {
            createdHere.ForEach(File.Delete);
        }
    }
}
