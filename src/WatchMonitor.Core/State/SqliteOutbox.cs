using System.Globalization;
using Microsoft.Data.Sqlite;
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
/// </remarks>
public sealed class SqliteOutbox(StateDatabase database, TimeProvider timeProvider, int maxPerDestination) : IDeliveryOutbox
{
    private const string Columns = "id, destination, site, composite_id, kind, payload, enqueued_at, attempts, next_attempt_at, format";

    // Bounded by what one process can deliver while its disk is full: at most the queues' own bound.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (string Destination, string? RemoteId)> _unsavedAcknowledgements = new();

    public int MaxPerDestination => maxPerDestination;

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
                UPDATE OR IGNORE outbox SET destination = $destination WHERE destination = $site;
                """);
            using var others = SqlValues.Command(connection, transaction, """
                UPDATE dead_letter SET destination = $destination WHERE destination = $site;
                UPDATE OR IGNORE delivery SET destination = $destination WHERE destination = $site;
                """);
            var site = command.Parameters.Add("$site", SqliteType.Text);
            var destination = command.Parameters.Add("$destination", SqliteType.Text);
            var otherSite = others.Parameters.Add("$site", SqliteType.Text);
            var otherDestination = others.Parameters.Add("$destination", SqliteType.Text);
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

    public Task<IReadOnlyList<QueuedMessage>> PeekDueAsync(string destinationKey, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<QueuedMessage>>(database.Read(connection =>
        {
            using var command = SqlValues.Command(connection, null,
                $"SELECT {Columns} FROM outbox WHERE destination = $destination AND next_attempt_at <= $now ORDER BY id LIMIT $max;");
            command.Parameters.AddWithValue("$destination", destinationKey);
            command.Parameters.AddWithValue("$now", SqlValues.Time(now));
            command.Parameters.AddWithValue("$max", max + _unsavedAcknowledgements.Count);
            return ReadMessages(command).Where(message => !_unsavedAcknowledgements.ContainsKey(message.Id)).Take(max).ToList();
        }));
    }

    public Task<DateTimeOffset?> NextAttemptAtAsync(string destinationKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(connection =>
        {
            // A delivered message whose acknowledgement is still in memory is not due again.
            using var command = SqlValues.Command(connection, null, "SELECT id, next_attempt_at FROM outbox WHERE destination = $destination ORDER BY next_attempt_at LIMIT $max;");
            command.Parameters.AddWithValue("$destination", destinationKey);
            command.Parameters.AddWithValue("$max", _unsavedAcknowledgements.Count + 1);
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
        catch (Exception exception) when (exception is SqliteException or IOException)
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
        catch (Exception exception) when (exception is SqliteException or IOException)
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
                INSERT OR REPLACE INTO delivery (site, listing_id, destination, kind, remote_message_id, delivered_at)
                    SELECT site, composite_id, destination, kind, $remote, $now FROM outbox
                    WHERE id = $id AND destination = $destination AND composite_id <> '';
                DELETE FROM outbox WHERE id = $id AND destination = $destination;
                """);
            command.Parameters.AddWithValue("$now", now);
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            var destination = command.Parameters.Add("$destination", SqliteType.Text);
            var remote = command.Parameters.Add("$remote", SqliteType.Text);
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
            using var command = SqlValues.Command(connection, transaction, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $next WHERE id = $id;");
            command.Parameters.AddWithValue("$next", SqlValues.Time(nextAttemptAt));
            var id = command.Parameters.Add("$id", SqliteType.Integer);
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
                INSERT OR REPLACE INTO dead_letter (id, destination, site, composite_id, kind, payload, enqueued_at, attempts, reason, dead_at, format)
                    SELECT id, destination, site, composite_id, kind, payload, enqueued_at, attempts, $reason, $now, format FROM outbox WHERE id = $id;
                DELETE FROM outbox WHERE id = $id;
                DELETE FROM dead_letter WHERE id IN (
                    SELECT d.id FROM dead_letter d JOIN dead_letter m ON m.id = $id AND d.destination = m.destination
                    ORDER BY d.id DESC LIMIT -1 OFFSET $max);
                """);
            command.Parameters.AddWithValue("$id", messageId);
            command.Parameters.AddWithValue("$reason", reason);
            command.Parameters.AddWithValue("$now", SqlValues.Time(timeProvider.GetUtcNow()));
            command.Parameters.AddWithValue("$max", maxPerDestination);
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
    internal int Room(SqliteConnection connection, SqliteTransaction transaction, string destinationKey)
    {
        using var command = SqlValues.Command(connection, transaction, "SELECT count(*) FROM outbox WHERE destination = $destination;");
        command.Parameters.AddWithValue("$destination", destinationKey);
        return maxPerDestination - Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <returns>False when a message with the same key is already queued for the destination, or was delivered there.</returns>
    internal static bool Insert(SqliteConnection connection, SqliteTransaction transaction, OutgoingMessage message, DateTimeOffset now) =>
        Insert(connection, transaction, message, now, attempts: 0, nextAttemptAt: now);

    internal static bool Insert(SqliteConnection connection, SqliteTransaction transaction, OutgoingMessage message, DateTimeOffset enqueuedAt, int attempts, DateTimeOffset nextAttemptAt)
    {
        using var command = SqlValues.Command(connection, transaction, """
            INSERT OR IGNORE INTO outbox (destination, site, composite_id, kind, dedup_key, payload, enqueued_at, attempts, next_attempt_at, format)
                SELECT $destination, $site, $composite, $kind, $dedup, $payload, $enqueued, $attempts, $next, $format
                WHERE NOT EXISTS (SELECT 1 FROM delivery WHERE site = $site AND listing_id = $composite AND destination = $destination AND kind = $kind);
            """);
        command.Parameters.AddWithValue("$destination", message.DestinationKey);
        command.Parameters.AddWithValue("$site", message.SiteKey);
        command.Parameters.AddWithValue("$composite", message.CompositeId);
        command.Parameters.AddWithValue("$kind", message.Kind.ToString());
        command.Parameters.AddWithValue("$dedup", message.DedupKey);
        command.Parameters.AddWithValue("$payload", message.PayloadJson);
        command.Parameters.AddWithValue("$enqueued", SqlValues.Time(enqueuedAt));
        command.Parameters.AddWithValue("$attempts", attempts);
        command.Parameters.AddWithValue("$next", SqlValues.Time(nextAttemptAt));
        command.Parameters.AddWithValue("$format", message.Format);
        return command.ExecuteNonQuery() > 0;
    }

    private int CountIn(string table, string? destinationKey) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null,
            destinationKey is null ? $"SELECT count(*) FROM {table};" : $"SELECT count(*) FROM {table} WHERE destination = $destination;");
        command.Parameters.AddWithValue("$destination", SqlValues.Text(destinationKey));
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    private static List<QueuedMessage> ReadMessages(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var messages = new List<QueuedMessage>();
        while (reader.Read())
        {
            messages.Add(ReadMessage(reader));
        }

        return messages;
    }

    private static QueuedMessage ReadMessage(SqliteDataReader reader) => new(
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
