using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SessionHistoryTests : IDisposable
{
    private readonly StateTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Sessions_AfterAppend_RestoresEverySessionField()
    {
        var session = new ScrapingSession
        {
            SessionId = "20250115_120000",
            StartedAt = StateTestContext.Start.AddTicks(1_234_567),
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
        var history = _context.History();

        history.Append(session, [new SiteHealthRow("worldoftime", StateTestContext.Start, 0, 60, null, StateTestContext.Start)]);

        var read = Assert.Single(history.Sessions());
        Assert.Equal(session with { SiteStats = [] }, read with { SiteStats = [] });
        Assert.Equal(session.SiteStats, read.SiteStats);
        Assert.Equal(60, _context.Database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT listings_last_cycle FROM site_health WHERE site = 'worldoftime';")));
    }

    [Fact]
    public void Append_BeyondMaxEntries_NeverHoldsMaxPlusOne()
    {
        var history = _context.History(maxEntries: 10);

        for (var i = 0; i < 15; i++)
        {
            history.Append(Session(StateTestContext.Start.AddMinutes(i)));
        }

        var sessions = history.Sessions();
        Assert.Equal(10, sessions.Count);
        Assert.Equal(StateTestContext.Start.AddMinutes(5), sessions[0].StartedAt);
    }

    [Fact]
    public void Append_SessionsOlderThanTheRetention_AreDropped()
    {
        var history = _context.History(retentionDays: 30);
        history.Append(Session(StateTestContext.Start));
        _context.Time.Advance(TimeSpan.FromDays(31));

        history.Append(Session(_context.Time.GetUtcNow()));

        Assert.Equal(_context.Time.GetUtcNow(), Assert.Single(history.Sessions()).StartedAt);
    }

    [Fact]
    public void Summarize_LastDays_CountsOnlySessionsInRange()
    {
        var history = _context.History();
        history.Append(Session(StateTestContext.Start) with { ErrorsEncountered = 1 });
        _context.Time.Advance(TimeSpan.FromDays(3));
        history.Append(Session(_context.Time.GetUtcNow()) with { TotalNewWatches = 2 });

        var stats = history.Summarize(2);

        Assert.Equal((1, 1, 2), (stats.Sessions, stats.SuccessfulSessions, stats.NewWatches));
    }

    [Fact]
    public void Trim_ToFewer_KeepsTheNewest()
    {
        var history = _context.History();
        for (var i = 0; i < 5; i++)
        {
            history.Append(Session(StateTestContext.Start.AddMinutes(i)));
        }

        Assert.Equal(3, history.Trim(2));

        Assert.Equal([StateTestContext.Start.AddMinutes(3), StateTestContext.Start.AddMinutes(4)], history.Sessions().Select(session => session.StartedAt));
    }

    private static ScrapingSession Session(DateTimeOffset startedAt) =>
        new() { SessionId = ScrapingSession.FormatSessionId(startedAt, StateTestContext.Zone), StartedAt = startedAt, DurationSeconds = 1, SitesScraped = 1 };
}
