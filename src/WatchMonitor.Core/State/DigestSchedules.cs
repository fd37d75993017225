using System.Data.Common;
using System.Globalization;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.State;

/// <summary>A digest bucket's stored due time, and the period it last sent (null before its first message).</summary>
public sealed record DigestDue(string Schedule, DateTimeOffset NextDue, DateTimeOffset? LastSentPeriod);

/// <summary>
/// The <c>digest_schedule</c> table: when each route's digest for a destination is next due, written in the same
/// transaction that queues the digest, so a restart right after sending finds the next period, not the one just sent.
/// </summary>
internal static class DigestSchedules
{
    public static DigestDue? Find(DbConnection connection, DbTransaction? transaction, string bucket)
    {
        using var command = Command(connection, transaction, "SELECT schedule, next_due, last_sent_period FROM digest_schedule WHERE bucket = @bucket;");
        Add(command, "@bucket", bucket);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new DigestDue(
            reader.GetString(0),
            new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
            reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero));
    }

    public static void Save(DbConnection connection, DbTransaction transaction, string bucket, DigestSchedule schedule, DateTimeOffset nextDue, DateTimeOffset? sentPeriod)
    {
        using var command = Command(connection, transaction, """
            INSERT INTO digest_schedule (bucket, schedule, next_due, last_sent_period) VALUES (@bucket, @schedule, @next, @sent)
                ON CONFLICT (bucket) DO UPDATE SET schedule = excluded.schedule, next_due = excluded.next_due,
                    last_sent_period = COALESCE(excluded.last_sent_period, digest_schedule.last_sent_period);
            """);
        Add(command, "@bucket", bucket);
        Add(command, "@schedule", schedule.ToString());
        Add(command, "@next", nextDue.UtcTicks);
        Add(command, "@sent", sentPeriod is { } period ? period.UtcTicks : DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
