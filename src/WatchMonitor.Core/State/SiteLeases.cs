using System.Data.Common;
using System.Globalization;

namespace WatchMonitor.State;

/// <summary>One row of <c>site_lease</c>: who scans a site, since when, and until when unless renewed.</summary>
public sealed record SiteLease(string Site, string Holder, DateTimeOffset AcquiredAt, DateTimeOffset RenewedAt, DateTimeOffset ExpiresAt);

/// <summary>One row of <c>instance</c>: a monitor sharing the state, alive while it heartbeats.</summary>
public sealed record MonitorInstance(string Name, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt);

/// <summary>
/// The <c>instance</c> and <c>site_lease</c> tables. Every change runs inside one transaction that the caller opens
/// with <see cref="InTransaction{T}"/>, so a round of heartbeat, renewals and acquisitions commits together.
/// </summary>
public sealed class SiteLeases(StateDatabase database)
{
    public T InTransaction<T>(Func<SiteLeaseTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return database.Write((connection, transaction) =>
        {
            database.Provider.LockForLeaseRound(connection, transaction);
            return work(new SiteLeaseTransaction(connection, transaction));
        });
    }

    public IReadOnlyList<SiteLease> ReadLeases() => database.Read(connection => new SiteLeaseTransaction(connection, null).ReadLeases());

    /// <summary>
    /// Inside a scan's commit: true when <paramref name="holder"/> still holds the site, whose lease is then renewed
    /// until <paramref name="expiresAt"/>; false when another instance took it over.
    /// </summary>
    public static bool ConfirmHeld(DbConnection connection, DbTransaction transaction, string site, string holder, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        using var command = SiteLeaseTransaction.Command(connection, transaction,
            "UPDATE site_lease SET renewed_at = @now, expires_at = @expires WHERE site = @site AND holder = @holder;",
            ("@now", now.UtcTicks), ("@expires", expiresAt.UtcTicks), ("@site", site), ("@holder", holder));
        return command.ExecuteNonQuery() == 1;
    }
}

/// <summary>The lease statements, bound to one open transaction (or none, for a read).</summary>
public sealed class SiteLeaseTransaction(DbConnection connection, DbTransaction? transaction)
{
    public void Heartbeat(string name, DateTimeOffset startedAt, DateTimeOffset now) => Execute("""
        INSERT INTO instance (name, started_at, heartbeat_at) VALUES (@name, @started, @now)
            ON CONFLICT (name) DO UPDATE SET heartbeat_at = excluded.heartbeat_at;
        """, ("@name", name), ("@started", startedAt.UtcTicks), ("@now", now.UtcTicks));

    /// <summary>Forgets instances silent since before <paramref name="before"/>, so crashed ones do not pile up.</summary>
    public int ForgetSilentInstances(DateTimeOffset before) =>
        Execute("DELETE FROM instance WHERE heartbeat_at < @before;", ("@before", before.UtcTicks));

    /// <summary>Every other instance is gone (the state is this process's alone): their leases become free.</summary>
    public int ForgetOtherInstances(string name) => Execute("DELETE FROM instance WHERE name <> @name;", ("@name", name));

    public void ForgetInstance(string name) => Execute("DELETE FROM instance WHERE name = @name;", ("@name", name));

    /// <summary>Extends every unexpired lease of <paramref name="holder"/> until <paramref name="expiresAt"/>.</summary>
    public int RenewAll(string holder, DateTimeOffset now, DateTimeOffset expiresAt) => Execute(
        "UPDATE site_lease SET renewed_at = @now, expires_at = @expires WHERE holder = @holder AND expires_at > @now;",
        ("@now", now.UtcTicks), ("@expires", expiresAt.UtcTicks), ("@holder", holder));

    /// <summary>Instances that heartbeat at or after <paramref name="since"/>.</summary>
    public IReadOnlyList<MonitorInstance> ReadLiveInstances(DateTimeOffset since)
    {
        using var command = Command(connection, transaction,
            "SELECT name, started_at, heartbeat_at FROM instance WHERE heartbeat_at >= @since ORDER BY name;", ("@since", since.UtcTicks));
        using var reader = command.ExecuteReader();
        var instances = new List<MonitorInstance>();
        while (reader.Read())
        {
            instances.Add(new MonitorInstance(reader.GetString(0), Time(reader, 1), Time(reader, 2)));
        }

        return instances;
    }

    public IReadOnlyList<SiteLease> ReadLeases()
    {
        using var command = Command(connection, transaction, "SELECT site, holder, acquired_at, renewed_at, expires_at FROM site_lease ORDER BY site;");
        using var reader = command.ExecuteReader();
        var leases = new List<SiteLease>();
        while (reader.Read())
        {
            leases.Add(new SiteLease(reader.GetString(0), reader.GetString(1), Time(reader, 2), Time(reader, 3), Time(reader, 4)));
        }

        return leases;
    }

    /// <summary>
    /// Takes the site when it is free: no lease, an expired one, one whose holder stopped heart-beating since
    /// <paramref name="liveSince"/>, or one of <paramref name="holder"/> itself. The condition is checked by the
    /// database on the row it locks, so of two instances trying at once exactly one wins.
    /// </summary>
    public bool TryAcquire(string site, string holder, DateTimeOffset now, DateTimeOffset expiresAt, DateTimeOffset liveSince) => Execute("""
        INSERT INTO site_lease (site, holder, acquired_at, renewed_at, expires_at) VALUES (@site, @holder, @now, @now, @expires)
            ON CONFLICT (site) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at,
                renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
            WHERE site_lease.expires_at <= @now OR site_lease.holder = @holder
                OR NOT EXISTS (SELECT 1 FROM instance WHERE instance.name = site_lease.holder AND instance.heartbeat_at >= @liveSince);
        """, ("@site", site), ("@holder", holder), ("@now", now.UtcTicks), ("@expires", expiresAt.UtcTicks), ("@liveSince", liveSince.UtcTicks)) == 1;

    /// <summary>Ends the lease now; the row stays, its expiry saying since when the site is free.</summary>
    public bool Release(string site, string holder, DateTimeOffset now) => Execute(
        "UPDATE site_lease SET expires_at = @now WHERE site = @site AND holder = @holder AND expires_at > @now;",
        ("@now", now.UtcTicks), ("@site", site), ("@holder", holder)) == 1;

    public int ReleaseAll(string holder, DateTimeOffset now) => Execute(
        "UPDATE site_lease SET expires_at = @now WHERE holder = @holder AND expires_at > @now;",
        ("@now", now.UtcTicks), ("@holder", holder));

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) =>
        new(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture), TimeSpan.Zero);
}
