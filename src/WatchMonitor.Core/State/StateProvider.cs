using System.Data.Common;

namespace WatchMonitor.State;

/// <summary>What differs between the engines the state database can live in: opening, versioning, checks, upkeep and errors.</summary>
internal abstract class StateProvider
{
    /// <summary>The folder of State/Migrations/ whose scripts build this engine's schema.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>True when the schema has been created here before.</summary>
    public abstract bool Exists { get; }

    public abstract DbConnection OpenConnection(bool readOnly);

    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Creates what must exist before the first connection (SQLite: the owner-only file).</summary>
    public virtual void CreateStorage()
    {
    }

    /// <summary>Sets the database up and checks it before it is migrated.</summary>
    /// <exception cref="StateFileException">It fails its check.</exception>
    public virtual void Prepare(DbConnection connection)
    {
    }

    public abstract int ReadVersion(DbConnection connection, DbTransaction? transaction);

    public abstract void WriteVersion(DbConnection connection, DbTransaction transaction, int version);

    /// <summary>Makes the caller the only migrator until <paramref name="transaction"/> ends.</summary>
    public virtual void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
    }

    /// <summary>Whether a migration step failed because another instance created the same objects at the same moment.</summary>
    public virtual bool IsConcurrentMigration(DbException exception) => false;

    /// <summary>Makes the caller's lease round the only one, across instances, until <paramref name="transaction"/> ends.</summary>
    public virtual void LockForLeaseRound(DbConnection connection, DbTransaction transaction)
    {
    }

    /// <summary>After rows were inserted with explicit ids: makes the next generated id follow the largest one.</summary>
    public virtual void ContinueIdentity(DbConnection connection, DbTransaction transaction, string table, string column)
    {
    }

    /// <summary>Removes the database this process created (a failed import), so the next start begins again.</summary>
    public abstract void Delete();

    /// <summary>Folds what was committed into the main file at a stop; returns what the engine reports.</summary>
    public virtual long Checkpoint(DbConnection connection) => 0;

    /// <summary>Refreshes statistics and folds the log into the database; returns the log pages written back.</summary>
    public virtual long Optimize(DbConnection connection) => 0;

    /// <summary>The size of the write-ahead log the process keeps beside the database, in bytes.</summary>
    public virtual long LogBytes => 0;

    /// <summary>Closes idle pooled connections, with what that freed and what the engine still holds, in bytes.</summary>
    public abstract (long Freed, long Held) ReleaseMemory();

    /// <summary>What is wrong, in words that say what to do, for a failure to open or migrate; never with a password.</summary>
    public abstract string Cause(DbException exception);

    /// <summary>The whole message of a database that cannot be used because of <paramref name="problem"/>.</summary>
    public abstract string Describe(string problem);
}
