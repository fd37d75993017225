using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Sites;
using WatchMonitor.State;

namespace WatchMonitor.Benchmarks.State;

/// <summary>
/// The session history at its bound of 1,000 cycles, each with stats for all six sites: appending a cycle (the
/// oldest drops out and the whole file is rewritten, streamed, through the atomic writer) and loading the file.
/// </summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[MinColumn, MedianColumn]
public class SessionHistoryBenchmarks : IDisposable
{
    private const int Sessions = SessionHistoryStore.DefaultMaxEntries;
    private static readonly TimeSpan CycleInterval = TimeSpan.FromMinutes(30);

    private bool _disposed;
    private StateFiles _files = null!;
    private SessionHistoryStore _store = null!;
    private DateTimeOffset _nextStart;

    [GlobalSetup]
    public void Setup()
    {
        _files = new StateFiles();
        var path = _files.PathOf("session_history.json");
        // Well inside the 30-day retention, so only the count bound applies.
        var first = TimeProvider.System.GetUtcNow() - (Sessions * CycleInterval);
        WriteHistoryFile(path, Enumerable.Range(0, Sessions).Select(i => SessionAt(first + (i * CycleInterval))));
        _store = new SessionHistoryStore(path, _files.Writer, _files.Quarantine, TimeProvider.System, NullLogger<SessionHistoryStore>.Instance);
        _store.LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (_store.Count != Sessions)
        {
            throw new InvalidOperationException($"The history loaded {_store.Count} sessions, not {Sessions}.");
        }

        _nextStart = first + (Sessions * CycleInterval);
        AppendAtCap().GetAwaiter().GetResult();
        Console.WriteLine($"// session history file {new FileInfo(path).Length:N0} bytes, {_store.Count} sessions");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _store?.Dispose();
            _files?.Dispose();
        }
    }

    /// <summary>One cycle's end: append, drop the oldest, rewrite 1,000 sessions (temp file, fsync, rename).</summary>
    [Benchmark(Baseline = true)]
    public Task AppendAtCap()
    {
        var session = SessionAt(_nextStart);
        _nextStart += TimeSpan.FromSeconds(1);
        return _store.AppendAsync(session, CancellationToken.None);
    }

    /// <summary>Start-up: read and parse the 1,000-session file.</summary>
    [Benchmark]
    public Task<StateLoadResult> LoadAsync() => _store.LoadAsync(CancellationToken.None);

    private static ScrapingSession SessionAt(DateTimeOffset start) => new()
    {
        SessionId = ScrapingSession.FormatSessionId(start, TimeProvider.System.LocalTimeZone),
        StartedAt = start,
        EndedAt = start + TimeSpan.FromSeconds(42.5),
        DurationSeconds = 42.5,
        SitesScraped = SiteCatalog.All.Count,
        TotalWatchesFound = 150,
        TotalNewWatches = 2,
        NotificationsSent = 2,
        ErrorsEncountered = 0,
        MemoryUsageStartMb = 61.25,
        MemoryUsageEndMb = 62.5,
        MemoryDeltaMb = 1.25,
        SiteStats = [.. SiteCatalog.All.Select(site => new SiteSessionStats(site.Key, 25, site == SiteCatalog.WorldOfTime ? 2 : 0, site == SiteCatalog.WorldOfTime ? 2 : 0, 0))],
    };

    // The file as SITES.md §6 has it: naive local timestamps with six fraction digits, snake_case keys.
    private static void WriteHistoryFile(string path, IEnumerable<ScrapingSession> sessions)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var session in sessions)
        {
            writer.WriteStartObject();
            writer.WriteString("session_id", session.SessionId);
            writer.WriteString("started_at", Local(session.StartedAt));
            writer.WriteString("ended_at", Local(session.EndedAt!.Value));
            writer.WriteNumber("duration_seconds", session.DurationSeconds!.Value);
            writer.WriteNumber("sites_scraped", session.SitesScraped);
            writer.WriteNumber("total_watches_found", session.TotalWatchesFound);
            writer.WriteNumber("total_new_watches", session.TotalNewWatches);
            writer.WriteNumber("notifications_sent", session.NotificationsSent);
            writer.WriteNumber("errors_encountered", session.ErrorsEncountered);
            writer.WriteNumber("memory_usage_start_mb", session.MemoryUsageStartMb!.Value);
            writer.WriteNumber("memory_usage_end_mb", session.MemoryUsageEndMb!.Value);
            writer.WriteNumber("memory_delta_mb", session.MemoryDeltaMb!.Value);
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

        writer.WriteEndArray();
    }

    private static string Local(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, TimeProvider.System.LocalTimeZone).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
