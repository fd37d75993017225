using System.Data.Common;

namespace WatchMonitor.State;

/// <summary>
/// Which instance sends which queued message when several share the state database (docs/scaling.md). A delivery
/// worker claims the due messages it is about to send: the claim names the instance and lasts
/// <see cref="Duration"/>; no other instance takes a message while its claim lasts, the claimant renews its own
/// claims with each pass, and an acknowledgement or a failed attempt ends the claim. A dead instance's claims
/// expire and another instance sends those messages.
/// </summary>
/// <param name="instanceName">INSTANCE_NAME, the claimant.</param>
/// <param name="duration">How long a claim lasts: at least the lease, and longer than one post can take.</param>
/// <param name="idlePoll">
/// How long a worker with nothing to send waits at most before it looks again, when other instances fill the same
/// queues (a message they queued and could not send wakes nobody here); null when this process holds the state alone.
/// </param>
public sealed class OutboxClaims(string instanceName, TimeSpan duration, TimeSpan? idlePoll)
{
    /// <summary>Beyond the post's own timeout: formatting the message and committing its acknowledgement.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    /// <summary>The default LEASE_SECONDS: what a claim lasts when nothing else is said.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    public string InstanceName { get; } = instanceName;

    public TimeSpan Duration { get; } = duration;

    public TimeSpan? IdlePoll { get; } = idlePoll;

    /// <summary>The claims of a process that holds the state alone (SQLite): they never hold anyone back.</summary>
    public static OutboxClaims Sole(string instanceName, TimeSpan duration) => new(instanceName, duration, null);

    /// <summary>A claim covers the lease and the longest post (REQUEST_TIMEOUT) with its acknowledgement.</summary>
    public static TimeSpan DurationFor(TimeSpan lease, TimeSpan requestTimeout) =>
        lease > requestTimeout + Margin ? lease : requestTimeout + Margin;

    /// <summary>
    /// The query of up to <c>@max</c> due messages of <c>@destination</c> that <c>@me</c> may send at <c>@now</c>:
    /// unclaimed, claimed by itself, or claimed by an instance whose claim ran out.
    /// </summary>
    internal static string DueSql(string columns) => $"""
        SELECT {columns} FROM outbox
        WHERE destination = @destination AND next_attempt_at <= @now
            AND (claimed_until IS NULL OR claimed_until < @now OR claimed_by = @me)
        ORDER BY id LIMIT @max
        """;

    /// <summary>
    /// The statement that claims the messages of <see cref="DueSql"/> for <c>@me</c> until <c>@until</c> (its own
    /// claims included, so they are renewed) and returns <paramref name="columns"/>, in no particular order.
    /// PostgreSQL skips rows another instance is claiming at this moment instead of waiting for them; SQLite has one
    /// writer at a time.
    /// </summary>
    internal static string ClaimSql(string columns, bool skipLocked) => $"""
        UPDATE outbox SET claimed_by = @me, claimed_until = @until
        WHERE id IN ({DueSql("id")}{(skipLocked ? " FOR UPDATE SKIP LOCKED" : "")})
        RETURNING {columns};
        """;

    /// <summary>
    /// When each of <c>@destination</c>'s messages is next due here (id, time), soonest first: a message another
    /// instance has claimed not before its claim runs out.
    /// </summary>
    internal const string NextDueSql = """
        SELECT id, CASE WHEN claimed_by IS NOT NULL AND claimed_by <> @me AND claimed_until > next_attempt_at
            THEN claimed_until ELSE next_attempt_at END AS due
        FROM outbox WHERE destination = @destination ORDER BY due LIMIT @max;
        """;

    /// <summary>Binds <c>@me</c>, <c>@now</c> and <c>@until</c> of <see cref="ClaimSql"/>.</summary>
    internal void BindClaim(DbCommand command, DateTimeOffset now)
    {
        BindDue(command, now);
        Bind(command, "@until", (now + Duration).UtcTicks);
    }

    /// <summary>Binds <c>@me</c> and <c>@now</c> of <see cref="DueSql"/>.</summary>
    internal void BindDue(DbCommand command, DateTimeOffset now)
    {
        BindInstance(command);
        Bind(command, "@now", now.UtcTicks);
    }

    /// <summary>Binds <c>@me</c> of <see cref="NextDueSql"/>.</summary>
    internal void BindInstance(DbCommand command) => Bind(command, "@me", InstanceName);

    private static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
