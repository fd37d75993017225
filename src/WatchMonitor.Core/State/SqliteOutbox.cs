using System.Globalization;
using System.Data;
using System.Data.Common;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.State;

/// <summary>
/// The per-destination message queues and dead letters in the state database. Each destination holds at most
/// <c>MAX_OUTBOX_ENTRIES</c> pending messages: a full queue refuses new listings of its own (they stay unseen and are
/// offered again) and holds back no other destination. Layout alerts are let past the bound so that none is lost.
/// </summary>
/// <remarks>
/// A delivery whose acknowledgement cannot be committed (disk full, read-only directory) is remembered in memory and
/// committed with the next write, and is not offered again meanwhile, so it is not sent twice while the process runs.
/// Messages are claimed before they are sent (<see cref="OutboxClaims"/>), so instances sharing the database never
/// send the same one.
/// </remarks>
public sealed class SqliteOutbox(StateDatabase database, TimeProvider timeProvider, int maxPerDestination, OutboxClaims? claims = null) : IDeliveryOutbox
{
    private const string Columns = "id, destination, site, composite_id, kind, payload, enqueued_at, attempts, next_attempt_at, format";

    // Bounded by what one process can deliver while its disk is full: at most the queues' own bound.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (string Destination, string? RemoteId)> _unsavedAcknowledgements = new();

    private readonly OutboxClaims _claims = claims ?? OutboxClaims.Sole($"{Environment.MachineName}-{Environment.ProcessId}", OutboxClaims.DefaultDuration);

    public int MaxPerDestination => maxPerDestination;

    public OutboxClaims Claims => _claims;

    public TimeSpan? IdlePoll => _claims.IdlePoll;

    /// <summary>Queues messages outside a scan (layout alerts), past the bound; one already queued changes nothing.</summary>
    /// <returns>How many were queued.</returns>
    public int EnqueueUnbounded(IReadOnlyList<OutgoingMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = timeProvider.GetUtcNow();
        return database.Write((connection, transaction) => messages.Count(message => Insert(connection, transaction, message, now)));
    }

    /// <summary>
    /// Moves what earlier versions kept under a site's key (its queue, dead letters and delivered ids) to the key of
    /// that site's webhook destination, so messages queued before an upgrade are still delivered.
    /// </summary>
    /// <returns>How many queued messages moved.</returns>
    public int Rekey(IReadOnlyDictionary<string, string> siteToDestination)
    {
        ArgumentNullException.ThrowIfNull(siteToDestination);
        if (siteToDestination.Count == 0)
        {
            return 0;
        }

        return database.Write((connection, transaction) =>
        {
            using var command = SqlValues.Command(connection, transaction, """
                UPDATE outbox SET destination = @destination WHERE destination = @site
                    AND NOT EXISTS (SELECT 1 FROM outbox taken WHERE taken.destination = @destination AND taken.dedup_key = outbox.dedup_key);
                """);
            using var others = SqlValues.Command(connection, transaction, """
                UPDATE dead_letter SET destination = @destination WHERE destination = @site;
                UPDATE delivery SET destination = @destination WHERE destination = @site
                    AND NOT EXISTS (SELECT 1 FROM delivery taken WHERE taken.site = delivery.site AND taken.listing_id = delivery.listing_id
                        AND taken.destination = @destination AND taken.kind = delivery.kind);
                """);
            var site = command.Declare("@site", DbType.String);
            var destination = command.Declare("@destination", DbType.String);
            var otherSite = others.Declare("@site", DbType.String);
            var otherDestination = others.Declare("@destination", DbType.String);
            var moved = 0;
            foreach (var (siteKey, destinationKey) in siteToDestination)
            {
                site.Value = otherSite.Value = siteKey;
                destination.Value = otherDestination.Value = destinationKey;
                moved += command.ExecuteNonQuery();
                others.ExecuteNonQuery();
            }

            return moved;
        });
    }

    /// <summary>Claims the due messages for this instance (<see cref="OutboxClaims"/>) and returns them, oldest first.</summary>
    public Task<IReadOnlyList<QueuedMessage>> PeekDueAsync(string destinationKey, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var due = Claim(destinationKey, now, max + _unsavedAcknowledgements.Count);
        return Task.FromResult<IReadOnlyList<QueuedMessage>>([.. due.Where(message => !_unsavedAcknowledgements.ContainsKey(message.Id)).OrderBy(message => message.Id).Take(max)]);
    }

    private List<QueuedMessage> Claim(string destinationKey, DateTimeOffset now, int max)
    {
        try
        {
            return database.Write((connection, transaction) =>
            {
                using var command = SqlValues.Command(connection, transaction, OutboxClaims.ClaimSql(Columns, skipLocked: database.IsPostgres));
                command.Bind("@destination", destinationKey);
                command.Bind("@max", max);
                _claims.BindClaim(command, now);
                return ReadMessages(command);
            });
        }
        catch (Exception exception) when (exception is DbException or IOException && !database.IsPostgres)
        {
            // One process holds a SQLite state, so a claim holds nobody back: a disk too full to record it must not stop delivery.
            return database.Read(connection =>
            {
                using var command = SqlValues.Command(connection, null, OutboxClaims.DueSql(Columns) + ";");
                command.Bind("@destination", destinationKey);
                command.Bind("@max", max);
                _claims.BindDue(command, now);
                return ReadMessages(command);
            });
        }
    }

    /// <summary>When the next message is due here: one another instance claimed, not before its claim runs out.</summary>
    public Task<DateTimeOffset?> NextAttemptAtAsync(string destinationKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(connection =>
        {
            // A delivered message whose acknowledgement is still in memory is not due again.
            using var command = SqlValues.Command(connection, null, OutboxClaims.NextDueSql);
            command.Bind("@destination", destinationKey);
            command.Bind("@max", _unsavedAcknowledgements.Count + 1);
            _claims.BindInstance(command);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!_unsavedAcknowledgements.ContainsKey(reader.GetInt64(0)))
                {
                    return new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
                }
            }

            return (DateTimeOffset?)null;
        }));
    }

    public Task AcknowledgeAsync(string destinationKey, IReadOnlyList<DeliveredMessage> delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        cancellationToken.ThrowIfCancellationRequested();
        if (delivered.Count == 0)
        {
            return Task.CompletedTask;
        }

        try
        {
            Acknowledge([.. delivered.Select(message => (message.MessageId, destinationKey, message.RemoteMessageId))]);
        }
        catch (Exception exception) when (exception is DbException or IOException)
        {
            foreach (var message in delivered)
            {
                _unsavedAcknowledgements[message.MessageId] = (destinationKey, message.RemoteMessageId);
            }

            throw;
        }

        SaveUnsavedAcknowledgements();
        return Task.CompletedTask;
    }

    /// <summary>Commits acknowledgements that could not be written before; they stay remembered if it fails again.</summary>
    public void SaveUnsavedAcknowledgements()
    {
        if (_unsavedAcknowledgements.IsEmpty)
        {
            return;
        }

        var pending = _unsavedAcknowledgements.ToArray();
        try
        {
            Acknowledge([.. pending.Select(entry => (entry.Key, entry.Value.Destination, entry.Value.RemoteId))]);
        }
        catch (Exception exception) when (exception is DbException or IOException)
        {
            return;
        }

        foreach (var (id, _) in pending)
        {
            _unsavedAcknowledgements.TryRemove(id, out _);
        }
    }

    private void Acknowledge(IReadOnlyList<(long Id, string Destination, string? RemoteId)> delivered)
    {
        var now = SqlValues.Time(timeProvider.GetUtcNow());
        database.Write((connection, transaction) =>
        {
            using var command = SqlValues.Command(connection, transaction, """
                INSERT INTO delivery (site, listing_id, destination, kind, remote_message_id, delivered_at)
                    SELECT site, composite_id, destination, kind, @remote, @now FROM outbox
                    WHERE id = @id AND destination = @destination AND composite_id <> ''
                    ON CONFLICT (site, listing_id, destination, kind) DO UPDATE SET
                        remote_message_id = excluded.remote_message_id, delivered_at = excluded.delivered_at;
                DELETE FROM outbox WHERE id = @id AND destination = @destination;
                """);
            command.Bind("@now", now);
            var id = command.Declare("@id", DbType.Int64);
            var destination = command.Declare("@destination", DbType.String);
            var remote = command.Declare("@remote", DbType.String);
            foreach (var message in delivered)
            {
                id.Value = message.Id;
                destination.Value = message.Destination;
                remote.Value = SqlValues.Text(message.RemoteId);
                command.ExecuteNonQuery();
            }
        });
    }

    public Task RecordFailureAsync(IReadOnlyCollection<long> messageIds, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        cancellationToken.ThrowIfCancellationRequested();
        database.Write((connection, transaction) =>
        {
            using var command = SqlValues.Command(connection, transaction, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @next, claimed_by = NULL, claimed_until = NULL WHERE id = @id;");
            command.Bind("@next", SqlValues.Time(nextAttemptAt));
            var id = command.Declare("@id", DbType.Int64);
            foreach (var messageId in messageIds)
            {
                id.Value = messageId;
                command.ExecuteNonQuery();
            }
        });
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(long messageId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        cancellationToken.ThrowIfCancellationRequested();
        database.Write((connection, transaction) =>
        {
            using var command = SqlValues.Command(connection, transaction, """
                INSERT INTO dead_letter (id, destination, site, composite_id, kind, payload, enqueued_at, attempts, reason, dead_at, format)
                    SELECT id, destination, site, composite_id, kind, payload, enqueued_at, attempts, @reason, @now, format FROM outbox WHERE id = @id
                    ON CONFLICT (id) DO UPDATE SET destination = excluded.destination, site = excluded.site, composite_id = excluded.composite_id,
                        kind = excluded.kind, payload = excluded.payload, enqueued_at = excluded.enqueued_at, attempts = excluded.attempts,
                        reason = excluded.reason, dead_at = excluded.dead_at, format = excluded.format;
                DELETE FROM outbox WHERE id = @id;
                DELETE FROM dead_letter WHERE destination = (SELECT destination FROM dead_letter WHERE id = @id) AND id <= (
                    SELECT d.id FROM dead_letter d WHERE d.destination = (SELECT destination FROM dead_letter WHERE id = @id)
                    ORDER BY d.id DESC LIMIT 1 OFFSET @max);
                """);
            command.Bind("@id", messageId);
            command.Bind("@reason", reason);
            command.Bind("@now", SqlValues.Time(timeProvider.GetUtcNow()));
            command.Bind("@max", maxPerDestination);
            command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public Task<int> CountAsync(string destinationKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Count(destinationKey));
    }

    public Task<int> DeadLetterCountAsync(string? destinationKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DeadLetterCount(destinationKey));
    }

    /// <summary>Messages pending for the destination, or for all when <paramref name="destinationKey"/> is null.</summary>
    public int Count(string? destinationKey = null) =>
        CountIn("outbox", destinationKey) - _unsavedAcknowledgements.Count(entry => destinationKey is null || entry.Value.Destination == destinationKey);

    public int DeadLetterCount(string? destinationKey = null) => CountIn("dead_letter", destinationKey);

    /// <summary>Every pending message of every destination, oldest first (for export and tests; bounded by the caps).</summary>
    public IReadOnlyList<QueuedMessage> Pending() => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, $"SELECT {Columns} FROM outbox ORDER BY id;");
        return ReadMessages(command);
    });

    /// <summary>Dead letters of every destination with their reasons, oldest first.</summary>
    public IReadOnlyList<(QueuedMessage Message, string Reason)> DeadLetters() => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null,
            "SELECT id, destination, site, composite_id, kind, payload, enqueued_at, attempts, dead_at, format, reason FROM dead_letter ORDER BY id;");
        using var reader = command.ExecuteReader();
        var letters = new List<(QueuedMessage, string)>();
        while (reader.Read())
        {
            letters.Add((ReadMessage(reader), reader.GetString(10)));
        }

        return (IReadOnlyList<(QueuedMessage, string)>)letters;
    });

    /// <summary>Room left in the destination's queue, inside the caller's transaction.</summary>
    internal int Room(DbConnection connection, DbTransaction transaction, string destinationKey)
    {
        using var command = SqlValues.Command(connection, transaction, "SELECT count(*) FROM outbox WHERE destination = @destination;");
        command.Bind("@destination", destinationKey);
        return maxPerDestination - Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <returns>False when a message with the same key is already queued for the destination, or was delivered there.</returns>
    internal static bool Insert(DbConnection connection, DbTransaction transaction, OutgoingMessage message, DateTimeOffset now) =>
        Insert(connection, transaction, message, now, attempts: 0, nextAttemptAt: now);

    internal static bool Insert(DbConnection connection, DbTransaction transaction, OutgoingMessage message, DateTimeOffset enqueuedAt, int attempts, DateTimeOffset nextAttemptAt)
    {
        using var command = SqlValues.Command(connection, transaction, """
            INSERT INTO outbox (destination, site, composite_id, kind, dedup_key, payload, enqueued_at, attempts, next_attempt_at, format)
                SELECT @destination, @site, @composite, @kind, @dedup, @payload, @enqueued, @attempts, @next, @format
                WHERE NOT EXISTS (SELECT 1 FROM delivery WHERE site = @site AND listing_id = @composite AND destination = @destination AND kind = @kind)
                ON CONFLICT (destination, dedup_key) DO NOTHING;
            """);
        command.Bind("@destination", message.DestinationKey);
        command.Bind("@site", message.SiteKey);
        command.Bind("@composite", message.CompositeId);
        command.Bind("@kind", message.Kind.ToString());
        command.Bind("@dedup", message.DedupKey);
        command.Bind("@payload", message.PayloadJson);
        command.Bind("@enqueued", SqlValues.Time(enqueuedAt));
        command.Bind("@attempts", attempts);
        command.Bind("@next", SqlValues.Time(nextAttemptAt));
        command.Bind("@format", message.Format);
        return command.ExecuteNonQuery() > 0;
    }

    private int CountIn(string table, string? destinationKey) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null,
            destinationKey is null ? $"SELECT count(*) FROM {table};" : $"SELECT count(*) FROM {table} WHERE destination = @destination;");
        command.Bind("@destination", SqlValues.Text(destinationKey));
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    private static List<QueuedMessage> ReadMessages(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var messages = new List<QueuedMessage>();
        while (reader.Read())
        {
            messages.Add(ReadMessage(reader));
        }

        return messages;
    }

    private static QueuedMessage ReadMessage(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        Enum.TryParse<NotificationKind>(reader.GetString(4), out var kind) ? kind : NotificationKind.NewListing,
        reader.GetString(5),
        new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
        reader.GetInt32(7),
        new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
        reader.GetString(9));
}
