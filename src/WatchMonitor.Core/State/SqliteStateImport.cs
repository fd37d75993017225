using System.Data.Common;

namespace WatchMonitor.State;

/// <summary>
/// <c>watchmon import --from FILE</c>: copies every state table of a monitor's SQLite file into <paramref name="target"/>
/// (typically PostgreSQL) in one transaction, keeping ids, so a moved monitor neither re-alerts nor loses queued
/// messages. The source is locked against a running monitor and read only through a snapshot.
/// </summary>
public sealed class SqliteStateImport(StateDatabase target)
{
    /// <param name="sourcePath">The SQLite state file to copy.</param>
    /// <param name="merge">Add the rows the target lacks instead of refusing a target that already holds listings.</param>
    /// <param name="targetStateDirectory">Where a monitor on a SQLite target takes its lock; ignored for PostgreSQL.</param>
    /// <exception cref="StateImportException">Refused or failed; nothing was written.</exception>
    /// <exception cref="InstanceLockException">A monitor runs on the source (or on a SQLite target).</exception>
    /// <exception cref="StateFileException">The target cannot be opened or migrated.</exception>
    public StateImportReport Run(string sourcePath, bool merge, string? targetStateDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        var source = Path.GetFullPath(sourcePath);
        if (!File.Exists(source))
        {
            throw new StateImportException($"{source} does not exist: give --from the path of the monitor's SQLite state file (watchmon.db).");
        }

        if (target.Location.SqlitePath is { } targetPath && string.Equals(targetPath, source, StringComparison.Ordinal))
        {
            throw new StateImportException($"{source} is both the source and STATE_DATABASE: point STATE_DATABASE at the database to fill (e.g. Host=…;Database=watchmon).");
        }

        var sourceDirectory = Path.GetDirectoryName(source)!;
        using var sourceLock = InstanceLock.Acquire(sourceDirectory);
        using var targetLock = !target.IsPostgres && targetStateDirectory is not null && !SameDirectory(targetStateDirectory, sourceDirectory)
            ? InstanceLock.Acquire(targetStateDirectory)
            : null;
        using var snapshot = SqliteSnapshot.Take(source);
        var created = target.Open();
        try
        {
            var tables = Copy(snapshot.Database, merge);
            return new StateImportReport(source, target.DisplayName, snapshot.SourceVersion, merge, tables);
        }
        catch when (created)
        {
            // A database made only for this import goes again, so the next start still finds no state to begin from.
            target.Delete();
            throw;
        }
    }

    private IReadOnlyList<TableImport> Copy(StateDatabase snapshot, bool merge)
    {
        try
        {
            return snapshot.Read(source => target.Write((connection, transaction) =>
            {
                if (!merge)
                {
                    RefuseWhenHoldingListings(connection, transaction);
                }

                return (IReadOnlyList<TableImport>)[.. StateTables.Copied.Select(table => TableCopier.Copy(source, connection, transaction, table, target.Provider))];
            }));
        }
        catch (DbException exception)
        {
            throw new StateImportException($"The import into {target.DisplayName} failed and was rolled back, nothing was written: {target.Provider.Cause(exception)}.", exception);
        }
    }

    private void RefuseWhenHoldingListings(DbConnection connection, DbTransaction transaction)
    {
        var listings = StateDatabase.Scalar<long>(connection, "SELECT COUNT(*) FROM listing;", transaction);
        if (listings > 0)
        {
            var sites = StateDatabase.Scalar<long>(connection, "SELECT COUNT(DISTINCT site) FROM listing;", transaction);
            throw new StateImportException(
                $"{target.DisplayName} already holds {listings} listing(s) of {sites} site(s); nothing was imported. "
                + "Run again with --merge to add only the rows it does not have yet (nothing in it is overwritten), or point STATE_DATABASE at an empty database.");
        }
    }

    private static bool SameDirectory(string first, string second) =>
        string.Equals(Path.GetFullPath(first).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(second).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}

/// <summary>What an import did: per table, rows copied and rows the target already had.</summary>
public sealed record StateImportReport(string Source, string Target, int SourceVersion, bool Merged, IReadOnlyList<TableImport> Tables)
{
    public long Copied => Tables.Sum(table => table.Copied);

    public long AlreadyThere => Tables.Sum(table => table.AlreadyThere);
}
