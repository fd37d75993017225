using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
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
        Assert.Equal(0, new DigestEntries(_context.Database).Count("daily", _destination.Key));
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
    public void Add_MoreThanTheCap_DropsTheOldestAndCountsThem()
    {
        Collect([.. Enumerable.Range(0, DigestEntries.MaxPerBucket + 5).Select(number => $"w{number}")]);

        Assert.Equal(DigestEntries.MaxPerBucket, new DigestEntries(_context.Database).Count("daily", _destination.Key));
        Assert.Equal(DigestEntries.MaxPerBucket + 5, new DigestEntries(_context.Database).Send("daily", _destination.Key, _context.Time.GetUtcNow(), _context.Time.GetUtcNow()));
        using var payload = JsonDocument.Parse(Assert.Single(_context.Outbox().Pending()).PayloadJson);
        var root = payload.RootElement;
        Assert.Equal(DigestEntries.MaxPerBucket + 5, root.GetProperty("entries").GetArrayLength() + root.GetProperty("more").GetInt32());
        Assert.Equal("w5", root.GetProperty("entries")[0].GetProperty("title").GetString());
    }

    private DigestScheduler Scheduler()
    {
        var route = new RouteDefinition("daily", new HashSet<string>(), [], [], [], null, null, new HashSet<ListingEventKind> { ListingEventKind.New },
            [_destination], new DigestSchedule(new TimeOnly(8, 0)), IsImplicit: false);
        return new DigestScheduler(new RouteTable([route]), new DigestEntries(_context.Database), _waker, _context.Time, NullLogger<DigestScheduler>.Instance);
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
