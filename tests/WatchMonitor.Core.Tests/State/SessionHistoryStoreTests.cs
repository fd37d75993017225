using System.Globalization;
using System.Text;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SessionHistoryStoreTests : IDisposable
{
    private readonly StateTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task AppendAsync_Sessions_WritesReferenceFormatByteForByte()
    {
        using var store = _context.SessionStore();
        var start = StateTestContext.Start.AddTicks(1_234_567);
        await store.AppendAsync(
            new ScrapingSession
            {
                SessionId = ScrapingSession.FormatSessionId(start, _context.Time.LocalTimeZone),
                StartedAt = start,
                EndedAt = StateTestContext.Start.AddMinutes(1),
                DurationSeconds = 60,
                SitesScraped = 2,
                TotalWatchesFound = 70,
                TotalNewWatches = 3,
                NotificationsSent = 3,
                ErrorsEncountered = 1,
                MemoryUsageStartMb = 80.5,
                MemoryUsageEndMb = 81.25,
                MemoryDeltaMb = 0.75,
                SiteStats = [new("watch_out", 50, 3, 3, 0), new("grimmeissen", 20, 0, 0, 1)],
            },
            CancellationToken.None);
        await store.AppendAsync(
            new ScrapingSession { SessionId = "20250115_120500", StartedAt = StateTestContext.Start.AddMinutes(5), DurationSeconds = 1e-05 },
            CancellationToken.None);

        // docs/state-files.md: keys in this order, naive local time (the context's zone is UTC+1) with six fraction digits.
        const string Expected = """
            [
              {
                "session_id": "20250115_120000",
                "started_at": "2025-01-15T12:00:00.123456",
                "ended_at": "2025-01-15T12:01:00.000000",
                "duration_seconds": 60.0,
                "sites_scraped": 2,
                "total_watches_found": 70,
                "total_new_watches": 3,
                "notifications_sent": 3,
                "errors_encountered": 1,
                "memory_usage_start_mb": 80.5,
                "memory_usage_end_mb": 81.25,
                "memory_delta_mb": 0.75,
                "site_stats": {
                  "watch_out": {
                    "total_found": 50,
                    "new_found": 3,
                    "notifications_sent": 3,
                    "errors": 0
                  },
                  "grimmeissen": {
                    "total_found": 20,
                    "new_found": 0,
                    "notifications_sent": 0,
                    "errors": 1
                  }
                }
              },
              {
                "session_id": "20250115_120500",
                "started_at": "2025-01-15T12:05:00.000000",
                "ended_at": null,
                "duration_seconds": 1e-05,
                "sites_scraped": 0,
                "total_watches_found": 0,
                "total_new_watches": 0,
                "notifications_sent": 0,
                "errors_encountered": 0,
                "memory_usage_start_mb": null,
                "memory_usage_end_mb": null,
                "memory_delta_mb": null,
                "site_stats": {}
              }
            ]
            """;
        var bytes = File.ReadAllBytes(_context.PathOf("session_history.json"));
        Assert.Equal(Expected, Encoding.UTF8.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public async Task LoadAsync_AfterAppend_RestoresEverySessionField()
    {
        var session = new ScrapingSession
        {
            SessionId = "20250115_120000",
            StartedAt = StateTestContext.Start.AddTicks(1_234_560),
            EndedAt = StateTestContext.Start.AddSeconds(42.5),
            DurationSeconds = 42.5,
            SitesScraped = 6,
            TotalWatchesFound = 300,
            TotalNewWatches = 4,
            NotificationsSent = 3,
            ErrorsEncountered = 1,
            MemoryUsageStartMb = 70.25,
            MemoryUsageEndMb = 71.5,
            MemoryDeltaMb = 1.25,
            SiteStats = [new("rueschenbeck", 40, 1, 1, 0), new("worldoftime", 60, 3, 2, 0)],
        };
        using (var first = _context.SessionStore())
        {
            await first.AppendAsync(session, CancellationToken.None);
        }

        using var second = _context.SessionStore();
        var result = await second.LoadAsync(CancellationToken.None);

        Assert.Equal(1, result.Entries);
        var loaded = Assert.Single(second.Sessions);
        Assert.Equal(session.StartedAt, loaded.StartedAt);
        Assert.Equal(session.EndedAt, loaded.EndedAt);
        Assert.Equal(session.SiteStats, loaded.SiteStats);
        Assert.Equal(session with { SiteStats = loaded.SiteStats }, loaded);
    }

    [Fact]
    public async Task LoadAsync_TimestampsWithAndWithoutFraction_ReadsBoth()
    {
        _context.Write("session_history.json", """
            [
              {"session_id": "20250115_100000", "started_at": "2025-01-15T10:00:00", "ended_at": "2025-01-15T10:00:30.500000",
               "duration_seconds": 30.5, "sites_scraped": 6, "total_watches_found": 0, "total_new_watches": 0,
               "notifications_sent": 0, "errors_encountered": 0, "site_stats": {}},
              {"session_id": "20250115_110000", "started_at": "2025-01-15T11:00:00.123456", "ended_at": null,
               "duration_seconds": null, "sites_scraped": 6, "total_watches_found": 0, "total_new_watches": 0,
               "notifications_sent": 0, "errors_encountered": 0, "memory_usage_start_mb": 50.0,
               "memory_usage_end_mb": null, "memory_delta_mb": null, "site_stats": {"watch_out": {"total_found": 1, "new_found": 0, "notifications_sent": 0, "errors": 0}}}
            ]
            """);
        using var store = _context.SessionStore();

        await store.LoadAsync(CancellationToken.None);

        var sessions = store.Sessions;
        Assert.Equal(2, sessions.Count);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 10, 0, 0, TimeSpan.FromHours(1)), sessions[0].StartedAt);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 10, 0, 30, 500, TimeSpan.FromHours(1)), sessions[0].EndedAt);
        Assert.Null(sessions[0].MemoryUsageStartMb);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 11, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_560), sessions[1].StartedAt);
        Assert.Null(sessions[1].EndedAt);
        Assert.Equal(50.0, sessions[1].MemoryUsageStartMb);
        Assert.Equal("watch_out", Assert.Single(sessions[1].SiteStats).SiteKey);
    }

    [Fact]
    public async Task AppendAsync_FileAtDefaultCap_KeepsExactly1000()
    {
        _context.Write("session_history.json", HistoryFile(1_000, StateTestContext.Start.AddDays(-10), TimeSpan.FromMinutes(5)));
        using var store = _context.SessionStore();
        await store.LoadAsync(CancellationToken.None);
        var firstKept = store.Sessions[1].SessionId;

        await store.AppendAsync(Session(StateTestContext.Start), CancellationToken.None);

        Assert.Equal(1_000, store.Count);
        Assert.Equal(firstKept, store.Sessions[0].SessionId);
        using var reloaded = _context.SessionStore();
        Assert.Equal(1_000, (await reloaded.LoadAsync(CancellationToken.None)).Entries);
        Assert.Equal("20250115_120000", reloaded.Sessions[^1].SessionId);
    }

    [Fact]
    public async Task AppendAsync_BeyondMaxEntries_NeverHoldsMaxPlusOne()
    {
        using var store = _context.SessionStore(maxEntries: 3);

        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(Session(StateTestContext.Start.AddMinutes(i)), CancellationToken.None);
            Assert.True(store.Count <= 3);
        }

        Assert.Equal(["20250115_120200", "20250115_120300", "20250115_120400"], store.Sessions.Select(session => session.SessionId));
        using var reloaded = _context.SessionStore(maxEntries: 3);
        Assert.Equal(3, (await reloaded.LoadAsync(CancellationToken.None)).Entries);
    }

    [Fact]
    public async Task AppendAsync_SessionsOlderThan30Days_AreDropped()
    {
        using var store = _context.SessionStore();
        await store.AppendAsync(Session(StateTestContext.Start), CancellationToken.None);
        await store.AppendAsync(Session(StateTestContext.Start.AddDays(1)), CancellationToken.None);

        _context.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
        await store.AppendAsync(Session(_context.Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(["20250116_120000", "20250214_130000"], store.Sessions.Select(session => session.SessionId));
    }

    [Fact]
    public async Task LoadAsync_FileBeyondBounds_TrimsOnLoad()
    {
        _context.Write("session_history.json", HistoryFile(20, StateTestContext.Start.AddDays(-40), TimeSpan.FromDays(2)));
        using var store = _context.SessionStore(maxEntries: 5);

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.Equal(5, result.Entries);
        Assert.All(store.Sessions, session => Assert.True(session.StartedAt >= StateTestContext.Start.AddDays(-30)));
    }

    [Theory]
    [InlineData("[{\"session_id\": ")]
    [InlineData("{\"session_id\": \"x\"}")]
    [InlineData("[{\"session_id\": \"x\", \"started_at\": \"yesterday\"}]")]
    public async Task LoadAsync_CorruptFile_QuarantinesAndStartsEmpty(string content)
    {
        _context.ExpectErrors();
        _context.Write("session_history.json", content);
        using var store = _context.SessionStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.True(result.WasCorrupt);
        Assert.Equal(0, store.Count);
        Assert.Equal(["session_history.json.corrupt-20250115120000"], _context.FileNames());
        Assert.Single(_context.Errors);
    }

    [Fact]
    public async Task Trim_ThenSave_KeepsTheNewest()
    {
        using var store = _context.SessionStore();
        for (var i = 0; i < 4; i++)
        {
            await store.AppendAsync(Session(StateTestContext.Start.AddMinutes(i)), CancellationToken.None);
        }

        Assert.Equal(3, store.Trim(1));
        await store.SaveAsync(CancellationToken.None);

        using var reloaded = _context.SessionStore();
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.Equal("20250115_120300", Assert.Single(reloaded.Sessions).SessionId);
    }

    [Fact]
    public async Task Summarize_LastDays_CountsOnlySessionsInRange()
    {
        using var store = _context.SessionStore();
        await store.AppendAsync(Session(StateTestContext.Start.AddDays(-5), errors: 1, duration: 100, sites: [new("watch_out", 10, 1, 1, 0)]), CancellationToken.None);
        await store.AppendAsync(Session(StateTestContext.Start.AddHours(-2), errors: 1, duration: 30, sites: [new("watch_out", 10, 2, 2, 0), new("grimmeissen", 0, 0, 0, 1)]), CancellationToken.None);
        await store.AppendAsync(Session(StateTestContext.Start.AddHours(-1), errors: 0, duration: 10, sites: [new("watch_out", 12, 1, 0, 0)]), CancellationToken.None);

        var stats = store.Summarize(1);

        Assert.Equal(2, stats.Sessions);
        Assert.Equal(1, stats.SuccessfulSessions);
        Assert.Equal(0.5, stats.SuccessRate);
        Assert.Equal(20, stats.AverageDurationSeconds);
        Assert.Equal(3, stats.NewWatches);
        Assert.Equal(22, stats.WatchesFound);
        Assert.Equal(
            [new SiteStatistics("grimmeissen", 1, 0, 0, 0, 1), new SiteStatistics("watch_out", 2, 22, 3, 2, 0)],
            stats.Sites);
        using var empty = _context.SessionStore();
        Assert.Null(empty.Summarize(7).SuccessRate);
    }

    private static ScrapingSession Session(DateTimeOffset start, int errors = 0, double duration = 1, IReadOnlyList<SiteSessionStats>? sites = null) => new()
    {
        SessionId = ScrapingSession.FormatSessionId(start, StateTestContext.Zone),
        StartedAt = start,
        EndedAt = start.AddSeconds(duration),
        DurationSeconds = duration,
        ErrorsEncountered = errors,
        TotalWatchesFound = sites?.Sum(site => site.TotalFound) ?? 0,
        TotalNewWatches = sites?.Sum(site => site.NewFound) ?? 0,
        SiteStats = sites ?? [],
    };

    private static string HistoryFile(int count, DateTimeOffset first, TimeSpan step)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            var local = TimeZoneInfo.ConvertTime(first + (step * i), StateTestContext.Zone);
            builder.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$$"""{"session_id": "{{{local:yyyyMMdd_HHmmss}}}", "started_at": "{{{local:yyyy-MM-ddTHH:mm:ss}}}", "ended_at": null, "duration_seconds": null, "sites_scraped": 6, "total_watches_found": 0, "total_new_watches": 0, "notifications_sent": 0, "errors_encountered": 0, "site_stats": {}}""");
        }

        return builder.Append(']').ToString();
    }
}
