using System.Globalization;
using System.Text.Json;

namespace WatchMonitor.State;

/// <summary>
/// <c>session_history.json</c> of the Python monitor: an array, oldest first, one object per cycle. Times are naive
/// local time with six fraction digits, as Python wrote them; both that and the whole-second form read back.
/// Keys it does not write are not kept. Read for import, written by export.
/// </summary>
internal static class SessionHistoryFile
{
    private const string NaiveFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff";
    private static readonly string[] NaiveReadFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>The sessions of the file, oldest first; null when it is missing or empty.</summary>
    /// <exception cref="JsonException">The file is not a session history.</exception>
    public static async Task<List<ScrapingSession>?> ReadAsync(string path, TimeZoneInfo localZone, CancellationToken cancellationToken)
    {
        using var document = await StateJson.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var sessions = new List<ScrapingSession>();
        foreach (var element in StateJson.Expect(document.RootElement, JsonValueKind.Array, "the session history").EnumerateArray())
        {
            sessions.Add(ReadSession(StateJson.Expect(element, JsonValueKind.Object, "a session"), localZone));
        }

        return sessions;
    }

    public static async Task WriteAsync(Stream stream, IEnumerable<ScrapingSession> sessions, TimeZoneInfo localZone, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, StateJson.Indented);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartArray();
            foreach (var session in sessions)
            {
                WriteSession(writer, session, localZone);
                await StateJson.FlushIfFullAsync(writer, cancellationToken).ConfigureAwait(false);
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteSession(Utf8JsonWriter writer, ScrapingSession session, TimeZoneInfo localZone)
    {
        writer.WriteStartObject();
        writer.WriteString("session_id", session.SessionId);
        writer.WriteString("started_at", FormatLocal(session.StartedAt, localZone));
        writer.WriteString("ended_at", session.EndedAt is { } ended ? FormatLocal(ended, localZone) : null);
        StateJson.WritePythonFloat(writer, "duration_seconds", session.DurationSeconds);
        writer.WriteNumber("sites_scraped", session.SitesScraped);
        writer.WriteNumber("total_watches_found", session.TotalWatchesFound);
        writer.WriteNumber("total_new_watches", session.TotalNewWatches);
        writer.WriteNumber("notifications_sent", session.NotificationsSent);
        writer.WriteNumber("errors_encountered", session.ErrorsEncountered);
        StateJson.WritePythonFloat(writer, "memory_usage_start_mb", session.MemoryUsageStartMb);
        StateJson.WritePythonFloat(writer, "memory_usage_end_mb", session.MemoryUsageEndMb);
        StateJson.WritePythonFloat(writer, "memory_delta_mb", session.MemoryDeltaMb);
        writer.WriteStartObject("site_stats");
        foreach (var site in session.SiteStats)
        {
            writer.WriteStartObject(site.SiteKey);
            writer.WriteNumber("total_found", site.TotalFound);
            writer.WriteNumber("new_found", site.NewFound);
            writer.WriteNumber("notifications_sent", site.NotificationsSent);
            writer.WriteNumber("errors", site.Errors);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static ScrapingSession ReadSession(JsonElement element, TimeZoneInfo localZone)
    {
        var siteStats = new List<SiteSessionStats>();
        if (element.TryGetProperty("site_stats", out var sites) && sites.ValueKind != JsonValueKind.Null)
        {
            foreach (var site in StateJson.Expect(sites, JsonValueKind.Object, "'site_stats'").EnumerateObject())
            {
                var stats = StateJson.Expect(site.Value, JsonValueKind.Object, $"site_stats of '{site.Name}'");
                siteStats.Add(new SiteSessionStats(
                    site.Name,
                    StateJson.GetInt(stats, "total_found"),
                    StateJson.GetInt(stats, "new_found"),
                    StateJson.GetInt(stats, "notifications_sent"),
                    StateJson.GetInt(stats, "errors")));
            }
        }

        return new ScrapingSession
        {
            SessionId = StateJson.GetRequiredString(element, "session_id"),
            StartedAt = ParseLocal(StateJson.GetRequiredString(element, "started_at"), localZone),
            EndedAt = StateJson.GetString(element, "ended_at") is { } ended ? ParseLocal(ended, localZone) : null,
            DurationSeconds = StateJson.GetDouble(element, "duration_seconds"),
            SitesScraped = StateJson.GetInt(element, "sites_scraped"),
            TotalWatchesFound = StateJson.GetInt(element, "total_watches_found"),
            TotalNewWatches = StateJson.GetInt(element, "total_new_watches"),
            NotificationsSent = StateJson.GetInt(element, "notifications_sent"),
            ErrorsEncountered = StateJson.GetInt(element, "errors_encountered"),
            MemoryUsageStartMb = StateJson.GetDouble(element, "memory_usage_start_mb"),
            MemoryUsageEndMb = StateJson.GetDouble(element, "memory_usage_end_mb"),
            MemoryDeltaMb = StateJson.GetDouble(element, "memory_delta_mb"),
            SiteStats = siteStats,
        };
    }

    private static string FormatLocal(DateTimeOffset value, TimeZoneInfo localZone) =>
        TimeZoneInfo.ConvertTime(value, localZone).ToString(NaiveFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseLocal(string text, TimeZoneInfo localZone)
    {
        if (DateTime.TryParseExact(text, NaiveReadFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
        {
            return new DateTimeOffset(naive, localZone.GetUtcOffset(naive));
        }

        // Not written by Python, but an offset is unambiguous, so accept it.
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }
}
