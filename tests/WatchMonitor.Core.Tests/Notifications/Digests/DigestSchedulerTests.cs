using System.Text.Json;
using WatchMonitor.Core.Tests.State;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Digests;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.Notifications.Digests;

public sealed class DigestSchedulerTests : IDisposable
{
    private readonly StateTestContext _context = new();
    private readonly DestinationAddress _destination;
    private readonly Waker _waker = new();

    public DigestSchedulerTests()
    {
        Assert.True(DestinationAddress.TryParse("json://127.0.0.1:9/events", out var destination, out _));
        _destination = destination;
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void SendDue_BeforeAndAfterTheScheduledTime_QueuesOneDigestOnlyOnceItIsDue()
    {
        // The clock starts at 12:00 local (UTC+1): the first digest is due tomorrow at 08:00.
        var scheduler = Scheduler();
        Assert.Equal(0, scheduler.SendDue());
        Collect("a", "b");
        _context.Time.Advance(TimeSpan.FromHours(20) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, scheduler.SendDue());

        _context.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, scheduler.SendDue());

        var message = Assert.Single(_context.Outbox().Pending());
        var digest = NotificationEvent.TryRead(message.PayloadJson)!;
        Assert.Equal(["a", "b"], digest.Entries!.Select(entry => entry.Title));
        Assert.Equal(0, Entries().Count("daily", _destination.Key));
        Assert.Equal([_destination.Key], _waker.Woken);
    }

    [Fact]
    public void SendDue_PeriodWithoutMatches_SendsNothing()
    {
        var scheduler = Scheduler();
        scheduler.SendDue();
        _context.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, scheduler.SendDue());
        Assert.Empty(_context.Outbox().Pending());
    }

    [Fact]
    public void SendDue_RestartBeforeTheDueTime_SendsAtTheStoredTimeNotAPeriodLater()
    {
        Scheduler().SendDue();
        Collect("a");
        _context.Time.Advance(TimeSpan.FromHours(19));

        var restarted = Scheduler(Reopened());
        Assert.Equal(0, restarted.SendDue());
        _context.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, restarted.SendDue());
        Assert.Single(_context.Outbox().Pending());
    }

    [Fact]
    public void SendDue_StoppedOverTheDueTime_SendsAtOnceOnTheFirstCheckAfterTheStart()
    {
        Scheduler().SendDue();
        Collect("a");
        _context.Time.Advance(TimeSpan.FromHours(21));

        Assert.Equal(1, Scheduler(Reopened()).SendDue());

        var message = Assert.Single(_context.Outbox().Pending());
        Assert.Equal(NotificationKind.Digest, message.Kind);
        Assert.Equal("digest", message.SiteKey);
    }

    [Fact]
    public void SendDue_PeriodsMissedEntirely_SendOneMessageAndThenWaitForTheNextScheduledTime()
    {
        Scheduler().SendDue();
        Collect("a", "b");
        _context.Time.Advance(TimeSpan.FromDays(3));

        var restarted = Scheduler(Reopened());
        Assert.Equal(1, restarted.SendDue());
        Assert.Equal(0, restarted.SendDue());
        Collect("c");
        _context.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, restarted.SendDue());

        Assert.Single(_context.Outbox().Pending());
        var due = Entries().Due("daily", _destination.Key)!;
        Assert.Equal(new DateTimeOffset(2025, 1, 19, 7, 0, 0, TimeSpan.Zero), due.NextDue);
        Assert.Equal(new DateTimeOffset(2025, 1, 16, 7, 0, 0, TimeSpan.Zero), due.LastSentPeriod);
    }

    [Fact]
    public async Task SendDue_RestartRightAfterSending_DoesNotSendTheSamePeriodAgain()
    {
        Scheduler().SendDue();
        Collect("a");
        _context.Time.Advance(TimeSpan.FromHours(20));
        Assert.Equal(1, Scheduler().SendDue());
        var delivered = Assert.Single(_context.Outbox().Pending());
        await _context.Outbox().AcknowledgeAsync(_destination.Key, [new DeliveredMessage(delivered.Id, null)], CancellationToken.None);
        Collect("b");
        _context.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, Scheduler(Reopened()).SendDue());
        Assert.Empty(_context.Outbox().Pending());
        Assert.Equal(1, Entries().Count("daily", _destination.Key));
    }

    [Fact]
    public void SendDue_ChangedSchedule_WaitsForTheNewTime()
    {
        Scheduler().SendDue();
        Collect("a");

        var evening = Scheduler(schedule: new DigestSchedule(new TimeOnly(18, 0)));
        evening.SendDue();
        _context.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, evening.SendDue());
        _context.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, evening.SendDue());
    }

    [Fact]
    public async Task SendDue_DestinationQueueFull_KeepsTheEntriesForTheNextPeriod()
    {
        var outbox = _context.Outbox(maxPerDestination: 1);
        Assert.True(outbox.EnqueueUnbounded([new OutgoingMessage(_destination.Key, "site", "x", NotificationKind.NewListing, "{}", "filler")]) == 1);
        var scheduler = Scheduler(outbox: outbox);
        scheduler.SendDue();
        Collect("a");
        _context.Time.Advance(TimeSpan.FromHours(20));

        Assert.Equal(0, scheduler.SendDue());
        Assert.Equal(1, Entries(outbox).Count("daily", _destination.Key));
        Assert.Contains(_context.Logs, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning && entry.Message.Contains("full", StringComparison.Ordinal));

        var filler = Assert.Single(outbox.Pending());
        await outbox.AcknowledgeAsync(_destination.Key, [new DeliveredMessage(filler.Id, null)], CancellationToken.None);
        Collect("b");
        _context.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, scheduler.SendDue());
        var digest = NotificationEvent.TryRead(Assert.Single(outbox.Pending()).PayloadJson)!;
        Assert.Equal(["a", "b"], digest.Entries!.Select(entry => entry.Title));
    }

    [Fact]
    public void Add_MoreThanTheCap_DropsTheOldestAndCountsThem()
    {
        Scheduler().SendDue();
        Collect([.. Enumerable.Range(0, DigestEntries.MaxPerBucket + 5).Select(number => $"w{number}")]);
        _context.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(DigestEntries.MaxPerBucket, Entries().Count("daily", _destination.Key));
        Assert.Equal(1, Scheduler().SendDue());
        using var payload = JsonDocument.Parse(Assert.Single(_context.Outbox().Pending()).PayloadJson);
        var root = payload.RootElement;
        Assert.Equal(DigestEntries.MaxPerBucket + 5, root.GetProperty("entries").GetArrayLength() + root.GetProperty("more").GetInt32());
        Assert.Equal("w5", root.GetProperty("entries")[0].GetProperty("title").GetString());
    }

    private DigestEntries Entries(SqliteOutbox? outbox = null) => new(_context.Database, outbox ?? _context.Outbox());

    /// <summary>The same database file opened again, as a restarted monitor does.</summary>
    private StateDatabase Reopened()
    {
        var database = new StateDatabase(_context.Options.StateDatabase, _context.Logger<StateDatabase>());
        database.Open();
        return database;
    }

    private DigestScheduler Scheduler(StateDatabase? database = null, DigestSchedule? schedule = null, SqliteOutbox? outbox = null)
    {
        var route = new RouteDefinition("daily", new HashSet<string>(), [], [], [], null, null, new HashSet<ListingEventKind> { ListingEventKind.New },
            [_destination], schedule ?? new DigestSchedule(new TimeOnly(8, 0)), IsImplicit: false);
        var target = database ?? _context.Database;
        var entries = new DigestEntries(target, outbox ?? new SqliteOutbox(target, _context.Time, 1000));
        return new DigestScheduler(new RouteTable([route]), entries, _waker, _context.Time, _context.Logger<DigestScheduler>());
    }

    private void Collect(params string[] titles) => _context.Database.Write((connection, transaction) =>
    {
        foreach (var title in titles)
        {
            DigestEntries.Add(connection, transaction,
                new PendingDigestEntry("daily", _destination.Key, "NewListing:" + title, new DigestLine(title, "€1.000", "World of Time", "https://example.test/" + title)),
                _context.Time.GetUtcNow());
        }
    });

    private sealed class Waker : IDeliveryWaker
    {
        public List<string> Woken { get; } = [];

        public void Wake(string destinationKey) => Woken.Add(destinationKey);
    }
}
