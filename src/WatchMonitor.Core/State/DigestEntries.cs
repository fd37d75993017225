using System.Globalization;
using System.Text.Json;
using System.Data;
using System.Data.Common;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Digests;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.State;

/// <summary>A match of a digest route waiting for its period's message, per route and destination.</summary>
public sealed record PendingDigestEntry(string RouteName, string DestinationKey, string DedupKey, DigestLine Line)
{
    public string Bucket => RouteName + "|" + DestinationKey;
}

/// <summary>
/// The <c>digest_entry</c> table: matches of digest routes collected until their time, at most <see cref="MaxPerBucket"/>
/// per route and destination (the oldest dropped and counted), then sent as one queued event.
/// </summary>
public sealed class DigestEntries(StateDatabase database, SqliteOutbox outbox)
{
    public const int MaxPerBucket = 500;

    // The count of dropped entries lives in the bucket itself, under a key no listing can have.
    private const string DroppedKey = "#dropped";

    internal static void Add(DbConnection connection, DbTransaction transaction, PendingDigestEntry entry, DateTimeOffset now)
    {
        using (var insert = SqlValues.Command(connection, transaction,
            "INSERT INTO digest_entry (route, dedup_key, payload, added_at) VALUES (@route, @dedup, @payload, @now) ON CONFLICT (route, dedup_key) DO NOTHING;"))
        {
            insert.Bind("@route", entry.Bucket);
            insert.Bind("@dedup", entry.DedupKey);
            insert.Bind("@payload", JsonSerializer.Serialize(entry.Line, NotificationJsonContext.Default.DigestLine));
            insert.Bind("@now", SqlValues.Time(now));
            if (insert.ExecuteNonQuery() == 0)
            {
                return;
            }
        }

        using var trim = SqlValues.Command(connection, transaction, """
            DELETE FROM digest_entry WHERE route = @route AND dedup_key <> @dropped AND id <= (
                SELECT id FROM digest_entry WHERE route = @route AND dedup_key <> @dropped ORDER BY id DESC LIMIT 1 OFFSET @max);
            """);
        trim.Bind("@route", entry.Bucket);
        trim.Bind("@dropped", DroppedKey);
        trim.Bind("@max", MaxPerBucket);
        var dropped = trim.ExecuteNonQuery();
        if (dropped > 0)
        {
            using var count = SqlValues.Command(connection, transaction, """
                INSERT INTO digest_entry (route, dedup_key, payload, added_at) VALUES (@route, @dropped, CAST(@count AS TEXT), @now)
                    ON CONFLICT (route, dedup_key) DO UPDATE SET payload = CAST(CAST(digest_entry.payload AS INTEGER) + @count AS TEXT);
                """);
            count.Bind("@route", entry.Bucket);
            count.Bind("@dropped", DroppedKey);
            count.Bind("@count", dropped);
            count.Bind("@now", SqlValues.Time(now));
            count.ExecuteNonQuery();
        }
    }

    public int Count(string routeName, string destinationKey) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, "SELECT count(*) FROM digest_entry WHERE route = @route AND dedup_key <> @dropped;");
        command.Bind("@route", routeName + "|" + destinationKey);
        command.Bind("@dropped", DroppedKey);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    /// <summary>
    /// Queues the bucket's entries as one digest event and clears them once its stored due time has passed, and stores
    /// the next due time, all in one transaction. A period that ended while the monitor was stopped is sent at once, as
    /// one message however many periods were missed. When the destination's queue is full, the entries stay for the
    /// next period.
    /// </summary>
    public DigestSendResult SendIfDue(string routeName, string destinationKey, DigestSchedule schedule, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return database.Write((connection, transaction) =>
        {
            var bucket = routeName + "|" + destinationKey;
            var stored = DigestSchedules.Find(connection, transaction, bucket);
            var next = schedule.NextAfter(now, zone);
            if (stored is null || now < stored.NextDue)
            {
                if (stored is null || stored.Schedule != schedule.ToString())
                {
                    DigestSchedules.Save(connection, transaction, bucket, schedule, next, sentPeriod: null);
                }

                return new DigestSendResult(DigestOutcome.NotDue, 0);
            }

            var (lines, dropped) = Read(connection, transaction, bucket);
            if (DigestComposer.Compose(routeName, lines, dropped, now) is not { } digest)
            {
                DigestSchedules.Save(connection, transaction, bucket, schedule, next, sentPeriod: null);
                return new DigestSendResult(DigestOutcome.Empty, 0);
            }

            if (outbox.Room(connection, transaction, destinationKey) <= 0)
            {
                DigestSchedules.Save(connection, transaction, bucket, schedule, next, sentPeriod: null);
                return new DigestSendResult(DigestOutcome.Deferred, lines.Count + dropped);
            }

            var periodKey = stored.NextDue.UtcTicks.ToString(CultureInfo.InvariantCulture);
            var message = new OutgoingMessage(destinationKey, digest.Site, routeName + "@" + periodKey, NotificationKind.Digest, digest.ToJson(), $"digest:{routeName}:{periodKey}");
            SqliteOutbox.Insert(connection, transaction, message, now);
            using (var clear = SqlValues.Command(connection, transaction, "DELETE FROM digest_entry WHERE route = @route;"))
            {
                clear.Bind("@route", bucket);
                clear.ExecuteNonQuery();
            }

            DigestSchedules.Save(connection, transaction, bucket, schedule, next, stored.NextDue);
            return new DigestSendResult(DigestOutcome.Queued, lines.Count + dropped);
        });
    }

    /// <summary>When the bucket's digest is next due, as stored; null before its first check.</summary>
    public DigestDue? Due(string routeName, string destinationKey) =>
        database.Read(connection => DigestSchedules.Find(connection, null, routeName + "|" + destinationKey));

    private static (List<DigestLine> Lines, int Dropped) Read(DbConnection connection, DbTransaction transaction, string bucket)
    {
        var lines = new List<DigestLine>();
        var dropped = 0;
        using var select = SqlValues.Command(connection, transaction, "SELECT dedup_key, payload FROM digest_entry WHERE route = @route ORDER BY id;");
        select.Bind("@route", bucket);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetString(0) == DroppedKey)
            {
                dropped = int.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            }
            else if (JsonSerializer.Deserialize(reader.GetString(1), NotificationJsonContext.Default.DigestLine) is { } line)
            {
                lines.Add(line);
            }
        }

        return (lines, dropped);
    }
}

/// <summary>What a digest check did: nothing yet, nothing to send, queued, or held back by a full destination queue.</summary>
public enum DigestOutcome
{
    NotDue,
    Empty,
    Queued,
    Deferred,
}

/// <param name="Matches">How many matches the digest holds (queued or kept for the next period).</param>
public readonly record struct DigestSendResult(DigestOutcome Outcome, int Matches);
