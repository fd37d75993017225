using System.Text;
using System.Text.Json;
using System.Data;
using System.Data.Common;

namespace WatchMonitor.State;

/// <summary>
/// One row per cycle in the <c>session</c> table, bounded by count (MAX_SESSION_HISTORY_ENTRIES) and age
/// (SESSION_HISTORY_RETENTION_DAYS): both bounds are applied by SQL in the transaction that appends.
/// </summary>
public sealed class SessionHistory(StateDatabase database, TimeProvider timeProvider, int maxEntries, int retentionDays)
{
    public const int DefaultMaxEntries = 1000;
    public const int DefaultRetentionDays = 30;

    private const string Columns = """
        session_id, started_at, ended_at, duration_seconds, sites_scraped, total_watches_found, total_new_watches,
        notifications_sent, errors_encountered, memory_usage_start_mb, memory_usage_end_mb, memory_delta_mb, site_stats
        """;

    public int Count => database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT count(*) FROM session;"));

    /// <summary>Appends the session and the sites' health, then drops sessions beyond the bounds, in one transaction.</summary>
    public void Append(ScrapingSession session, IReadOnlyList<SiteHealthRow>? siteHealth = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        database.Write((connection, transaction) =>
        {
            Insert(connection, transaction, session);
            if (siteHealth is not null)
            {
                UpsertHealth(connection, transaction, siteHealth);
            }

            ApplyBounds(connection, transaction, timeProvider, maxEntries, retentionDays);
        });
    }

    /// <summary>Keeps the newest <paramref name="max"/> sessions within the retention.</summary>
    /// <returns>How many sessions were dropped.</returns>
    public int Trim(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        return database.Write((connection, transaction) => ApplyBounds(connection, transaction, timeProvider, max, retentionDays));
    }

    /// <summary>The sessions, oldest first (at most MAX_SESSION_HISTORY_ENTRIES).</summary>
    public IReadOnlyList<ScrapingSession> Sessions(DateTimeOffset? since = null) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, $"SELECT {Columns} FROM session WHERE started_at >= @since ORDER BY seq;");
        command.Bind("@since", since is { } start ? start.UtcTicks : long.MinValue);
        using var reader = command.ExecuteReader();
        var sessions = new List<ScrapingSession>();
        while (reader.Read())
        {
            sessions.Add(Read(reader));
        }

        return (IReadOnlyList<ScrapingSession>)sessions;
    });

    /// <summary>Each cycle's start, resident memory at its end and duration since <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<CycleReading> Readings(DateTimeOffset since) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, "SELECT started_at, memory_usage_end_mb, duration_seconds FROM session WHERE started_at >= @since ORDER BY seq;");
        command.Bind("@since", since.UtcTicks);
        using var reader = command.ExecuteReader();
        var readings = new List<CycleReading>();
        while (reader.Read())
        {
            readings.Add(new CycleReading(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), ReadReal(reader, 1), ReadReal(reader, 2)));
        }

        return (IReadOnlyList<CycleReading>)readings;
    });

    /// <summary>Totals over the sessions started in the last <paramref name="days"/> days.</summary>
    public SessionStatistics Summarize(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var since = timeProvider.GetUtcNow() - TimeSpan.FromDays(days);
        return SessionStatistics.Compute(Sessions(since), days, since);
    }

    internal static void Insert(DbConnection connection, DbTransaction transaction, ScrapingSession session)
    {
        using var command = SqlValues.Command(connection, transaction, $"""
            INSERT INTO session ({Columns}) VALUES (@id, @started, @ended, @duration, @sites, @found, @new, @sent, @errors, @memStart, @memEnd, @memDelta, @stats);
            """);
        command.Bind("@id", session.SessionId);
        command.Bind("@started", session.StartedAt.UtcTicks);
        command.Bind("@ended", SqlValues.Time(session.EndedAt));
        command.Bind("@duration", Real(session.DurationSeconds));
        command.Bind("@sites", session.SitesScraped);
        command.Bind("@found", session.TotalWatchesFound);
        command.Bind("@new", session.TotalNewWatches);
        command.Bind("@sent", session.NotificationsSent);
        command.Bind("@errors", session.ErrorsEncountered);
        command.Bind("@memStart", Real(session.MemoryUsageStartMb));
        command.Bind("@memEnd", Real(session.MemoryUsageEndMb));
        command.Bind("@memDelta", Real(session.MemoryDeltaMb));
        command.Bind("@stats", WriteSiteStats(session.SiteStats));
        command.ExecuteNonQuery();
    }

    /// <returns>How many sessions were dropped.</returns>
    internal static int ApplyBounds(DbConnection connection, DbTransaction transaction, TimeProvider timeProvider, int max, int retentionDays)
    {
        using var command = SqlValues.Command(connection, transaction, """
            DELETE FROM session WHERE started_at < @cutoff;
            DELETE FROM session WHERE seq <= (SELECT seq FROM session ORDER BY seq DESC LIMIT 1 OFFSET @max);
            """);
        command.Bind("@cutoff", (timeProvider.GetUtcNow() - TimeSpan.FromDays(retentionDays)).UtcTicks);
        command.Bind("@max", max);
        return command.ExecuteNonQuery();
    }

    private static void UpsertHealth(DbConnection connection, DbTransaction transaction, IReadOnlyList<SiteHealthRow> rows)
    {
        using var command = SqlValues.Command(connection, transaction, """
            INSERT INTO site_health (site, last_success_at, consecutive_failures, listings_last_cycle, last_error, updated_at)
                VALUES (@site, @success, @failures, @listings, @error, @now)
                ON CONFLICT (site) DO UPDATE SET last_success_at = excluded.last_success_at, consecutive_failures = excluded.consecutive_failures,
                    listings_last_cycle = excluded.listings_last_cycle, last_error = excluded.last_error, updated_at = excluded.updated_at;
            """);
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            command.Bind("@site", row.SiteKey);
            command.Bind("@success", SqlValues.Time(row.LastSuccessAt));
            command.Bind("@failures", row.ConsecutiveFailures);
            command.Bind("@listings", row.ListingsLastCycle);
            command.Bind("@error", SqlValues.Text(row.LastError));
            command.Bind("@now", SqlValues.Time(row.UpdatedAt));
            command.ExecuteNonQuery();
        }
    }

    private static object Real(double? value) => value is { } number && double.IsFinite(number) ? number : DBNull.Value;

    private static double? ReadReal(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static ScrapingSession Read(DbDataReader reader) => new()
    {
        SessionId = reader.GetString(0),
        StartedAt = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
        EndedAt = SqlValues.ReadTime(reader, 2),
        DurationSeconds = ReadReal(reader, 3),
        SitesScraped = reader.GetInt32(4),
        TotalWatchesFound = reader.GetInt32(5),
        TotalNewWatches = reader.GetInt32(6),
        NotificationsSent = reader.GetInt32(7),
        ErrorsEncountered = reader.GetInt32(8),
        MemoryUsageStartMb = ReadReal(reader, 9),
        MemoryUsageEndMb = ReadReal(reader, 10),
        MemoryDeltaMb = ReadReal(reader, 11),
        SiteStats = ReadSiteStats(reader.GetString(12)),
    };

    // Per site [key, total_found, new_found, notifications_sent, errors], in completion order.
    private static string WriteSiteStats(IReadOnlyList<SiteSessionStats> stats)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var site in stats)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(site.SiteKey);
                writer.WriteNumberValue(site.TotalFound);
                writer.WriteNumberValue(site.NewFound);
                writer.WriteNumberValue(site.NotificationsSent);
                writer.WriteNumberValue(site.Errors);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static List<SiteSessionStats> ReadSiteStats(string json)
    {
        using var document = JsonDocument.Parse(json);
        var stats = new List<SiteSessionStats>();
        foreach (var site in document.RootElement.EnumerateArray())
        {
            stats.Add(new SiteSessionStats(site[0].GetString()!, site[1].GetInt32(), site[2].GetInt32(), site[3].GetInt32(), site[4].GetInt32()));
        }

        return stats;
    }
}

/// <summary>What the dashboard's memory chart shows of one cycle.</summary>
public readonly record struct CycleReading(DateTimeOffset StartedAt, double? ResidentMb, double? DurationSeconds);

/// <summary>A site's health as the database keeps it after each cycle.</summary>
public sealed record SiteHealthRow(string SiteKey, DateTimeOffset? LastSuccessAt, int ConsecutiveFailures, int ListingsLastCycle, string? LastError, DateTimeOffset UpdatedAt);
