using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SessionHistoryTests : StateSuite
{
    [Theory]
    [MemberData(nameof(Engines))]
    public void Sessions_AfterAppend_RestoresEverySessionField(StateEngine engine)
    {
        On(engine);
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
        var history = Context.History();

        history.Append(session, [new SiteHealthRow("worldoftime", StateTestContext.Start, 0, 60, null, StateTestContext.Start)]);

        var read = Assert.Single(history.Sessions());
        Assert.Equal(session with { SiteStats = [] }, read with { SiteStats = [] });
        Assert.Equal(session.SiteStats, read.SiteStats);
        Assert.Equal(60, Context.Database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT listings_last_cycle FROM site_health WHERE site = 'worldoftime';")));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Append_BeyondMaxEntries_NeverHoldsMaxPlusOne(StateEngine engine)
    {
        On(engine);
        var history = Context.History(maxEntries: 10);

        for (var i = 0; i < 15; i++)
        {
            history.Append(Session(StateTestContext.Start.AddMinutes(i)));
        }

        var sessions = history.Sessions();
        Assert.Equal(10, sessions.Count);
        Assert.Equal(StateTestContext.Start.AddMinutes(5), sessions[0].StartedAt);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Append_SessionsOlderThanTheRetention_AreDropped(StateEngine engine)
    {
        On(engine);
        var history = Context.History(retentionDays: 30);
        history.Append(Session(StateTestContext.Start));
        Context.Time.Advance(TimeSpan.FromDays(31));

        history.Append(Session(Context.Time.GetUtcNow()));

        Assert.Equal(Context.Time.GetUtcNow(), Assert.Single(history.Sessions()).StartedAt);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Summarize_LastDays_CountsOnlySessionsInRange(StateEngine engine)
    {
        On(engine);
        var history = Context.History();
        history.Append(Session(StateTestContext.Start) with { ErrorsEncountered = 1 });
        Context.Time.Advance(TimeSpan.FromDays(3));
        history.Append(Session(Context.Time.GetUtcNow()) with { TotalNewWatches = 2 });

        var stats = history.Summarize(2);

        Assert.Equal((1, 1, 2), (stats.Sessions, stats.SuccessfulSessions, stats.NewWatches));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Trim_ToFewer_KeepsTheNewest(StateEngine engine)
    {
        On(engine);
        var history = Context.History();
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
