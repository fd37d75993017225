using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// The last cycles in <c>session_history.json</c> (SITES.md §6), held as a window bounded by count and age. The
/// bounds apply after appending, so the file never holds more than <c>maxEntries</c> (the reference trimmed before
/// appending and kept max + 1, §7.18).
/// </summary>
/// <remarks>
/// Timestamps are written as the reference does, naive local time with exactly six fraction digits and no offset
/// (the reference compares them with a naive local "now"); both the fractional and the whole-second form read back.
/// Local time is <see cref="TimeProvider.LocalTimeZone"/>. Keys the reference does not write are not kept.
/// </remarks>
public sealed partial class SessionHistoryStore : IDisposable
{
    public const int DefaultMaxEntries = 1000;
    public const int DefaultRetentionDays = 30;

    private const string NaiveFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff";
    private static readonly string[] NaiveReadFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    private readonly string _path;
    private readonly int _maxEntries;
    private readonly TimeSpan _retention;
    private readonly AtomicFileWriter _writer;
    private readonly StateFileQuarantine _quarantine;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SessionHistoryStore> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly List<ScrapingSession> _sessions = [];

    /// <param name="path">The history file, e.g. <c>session_history.json</c> (SESSION_HISTORY_FILE).</param>
    /// <param name="writer">Writes the file atomically.</param>
    /// <param name="quarantine">Moves an unreadable file aside.</param>
    /// <param name="timeProvider">The clock and the local time zone.</param>
    /// <param name="logger">Logs loads and quarantines.</param>
    /// <param name="maxEntries">Sessions kept (MAX_SESSION_HISTORY_ENTRIES); default 1000.</param>
    /// <param name="retentionDays">Days kept (SESSION_HISTORY_RETENTION_DAYS); default 30.</param>
    public SessionHistoryStore(
        string path,
        AtomicFileWriter writer,
        StateFileQuarantine quarantine,
        TimeProvider timeProvider,
        ILogger<SessionHistoryStore> logger,
        int maxEntries = DefaultMaxEntries,
        int retentionDays = DefaultRetentionDays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        _path = Path.GetFullPath(path);
        _maxEntries = maxEntries;
        _retention = TimeSpan.FromDays(retentionDays);
        _writer = writer;
        _quarantine = quarantine;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string FilePath => _path;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>A copy of the window, oldest first.</summary>
    public IReadOnlyList<ScrapingSession> Sessions
    {
        get
        {
            lock (_gate)
            {
                return [.. _sessions];
            }
        }
    }

    /// <summary>Reads the file, replacing the window, and applies the bounds; an unreadable file is quarantined.</summary>
    public async Task<StateLoadResult> LoadAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = new List<ScrapingSession>();
            string? quarantinedPath = null;
            try
            {
                using var document = await StateJson.ReadAsync(_path, cancellationToken).ConfigureAwait(false);
                if (document is not null)
                {
                    foreach (var element in StateJson.Expect(document.RootElement, JsonValueKind.Array, "the session history").EnumerateArray())
                    {
                        loaded.Add(ReadSession(StateJson.Expect(element, JsonValueKind.Object, "a session")));
                    }
                }
            }
            catch (Exception exception) when (StateJson.IsCorruption(exception))
            {
                loaded.Clear();
                quarantinedPath = await _quarantine.QuarantineAsync(
                    _path, exception.Message, "Session history starts empty; monitoring is not affected.", cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _sessions.Clear();
                _sessions.AddRange(loaded);
                ApplyBounds(_maxEntries);
                Log.Loaded(_logger, _sessions.Count, _path);
                return new StateLoadResult(_sessions.Count, quarantinedPath is not null, quarantinedPath);
            }
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>Appends the session, drops entries beyond the bounds, and saves the file atomically.</summary>
    public async Task AppendAsync(ScrapingSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ScrapingSession[] snapshot;
            lock (_gate)
            {
                _sessions.Add(session);
                ApplyBounds(_maxEntries);
                snapshot = [.. _sessions];
            }

            await WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>Keeps the newest <paramref name="maxEntries"/> sessions (in memory; <see cref="SaveAsync"/> writes them).</summary>
    /// <returns>How many sessions were dropped.</returns>
    public int Trim(int maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 0);
        lock (_gate)
        {
            return ApplyBounds(maxEntries);
        }
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(Sessions, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>Totals over the sessions started in the last <paramref name="days"/> days.</summary>
    public SessionStatistics Summarize(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return SessionStatistics.Compute(Sessions, days, _timeProvider.GetUtcNow() - TimeSpan.FromDays(days));
    }

    public void Dispose() => _saveGate.Dispose();

    private int ApplyBounds(int maxEntries)
    {
        var cutoff = _timeProvider.GetUtcNow() - _retention;
        var removed = _sessions.RemoveAll(session => session.StartedAt < cutoff);
        var excess = _sessions.Count - maxEntries;
        if (excess > 0)
        {
            _sessions.RemoveRange(0, excess);
            removed += excess;
        }

        return removed;
    }

    private Task WriteAsync(IReadOnlyList<ScrapingSession> sessions, CancellationToken cancellationToken) =>
        _writer.WriteAsync(_path, (stream, ct) => WriteSessionsAsync(stream, sessions, ct), cancellationToken);

    private async Task WriteSessionsAsync(Stream stream, IReadOnlyList<ScrapingSession> sessions, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, StateJson.Indented);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartArray();
            foreach (var session in sessions)
            {
                WriteSession(writer, session);
                await StateJson.FlushIfFullAsync(writer, cancellationToken).ConfigureAwait(false);
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteSession(Utf8JsonWriter writer, ScrapingSession session)
    {
        writer.WriteStartObject();
        writer.WriteString("session_id", session.SessionId);
        writer.WriteString("started_at", FormatLocal(session.StartedAt));
        writer.WriteString("ended_at", session.EndedAt is { } ended ? FormatLocal(ended) : null);
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

    private ScrapingSession ReadSession(JsonElement element)
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
            StartedAt = ParseLocal(StateJson.GetRequiredString(element, "started_at")),
            EndedAt = StateJson.GetString(element, "ended_at") is { } ended ? ParseLocal(ended) : null,
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

    private string FormatLocal(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, _timeProvider.LocalTimeZone).ToString(NaiveFormat, CultureInfo.InvariantCulture);

    private DateTimeOffset ParseLocal(string text)
    {
        if (DateTime.TryParseExact(text, NaiveReadFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
        {
            return new DateTimeOffset(naive, _timeProvider.LocalTimeZone.GetUtcOffset(naive));
        }

        // Not written by the reference, but an offset is unambiguous, so accept it.
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {SessionCount} sessions from {Path}.")]
        public static partial void Loaded(ILogger logger, int sessionCount, string path);
    }
}
