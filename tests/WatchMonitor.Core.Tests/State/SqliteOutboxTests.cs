using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SqliteOutboxTests : StateSuite
{
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PeekDueAsync_TwoDestinations_ReturnsOnlyThatDestinationsDueMessagesOldestFirst(StateEngine engine)
    {
        On(engine);
        var outbox = Context.Outbox();
        outbox.EnqueueUnbounded([Message("watch_out", "a"), Message("grimmeissen", "b"), Message("watch_out", "c")]);
        var ids = (await outbox.PeekDueAsync("watch_out", StateTestContext.Start, 10, CancellationToken.None)).Select(message => message.Id).ToList();
        await outbox.RecordFailureAsync([ids[0]], StateTestContext.Start.AddMinutes(5), CancellationToken.None);

        var due = await outbox.PeekDueAsync("watch_out", StateTestContext.Start, 10, CancellationToken.None);
        var later = await outbox.PeekDueAsync("watch_out", StateTestContext.Start.AddMinutes(5), 10, CancellationToken.None);

        Assert.Equal(["c"], due.Select(message => message.CompositeId));
        Assert.Equal(["a", "c"], later.Select(message => message.CompositeId));
        Assert.Equal(1, later[0].Attempts);
        Assert.Equal(StateTestContext.Start, await outbox.NextAttemptAtAsync("watch_out", CancellationToken.None));
        Assert.Null(await outbox.NextAttemptAtAsync("rueschenbeck", CancellationToken.None));
        Assert.Equal(1, await outbox.CountAsync("grimmeissen", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AcknowledgeAsync_Delivered_RemovesThemAndRecordsTheRemoteId(StateEngine engine)
    {
        On(engine);
        var outbox = Context.Outbox();
        Context.Seen().Commit(Scan("watch_out", "a"));
        var message = Assert.Single(await outbox.PeekDueAsync("watch_out", StateTestContext.Start, 10, CancellationToken.None));

        await outbox.AcknowledgeAsync("watch_out", [new DeliveredMessage(message.Id, "1234")], CancellationToken.None);

        Assert.Equal(0, outbox.Count());
        Assert.Equal("1234", Context.Database.Read(connection => StateDatabase.Scalar<string>(connection, "SELECT remote_message_id FROM delivery WHERE site = 'watch_out' AND listing_id = 'a';")));
        Assert.Equal("delivered", Assert.Single(new ListingQuery(Context.Database).Latest(null, null, 10)).Alert);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task DeadLetterAsync_Message_MovesItWithTheReasonKeepingTheNewestPerDestination(StateEngine engine)
    {
        On(engine);
        var outbox = Context.Outbox(maxPerDestination: 2);
        outbox.EnqueueUnbounded([Message("watch_out", "a"), Message("watch_out", "b"), Message("watch_out", "c"), Message("grimmeissen", "d")]);
        foreach (var message in outbox.Pending())
        {
            await outbox.DeadLetterAsync(message.Id, "Discord refused it: Invalid Form Body", CancellationToken.None);
        }

        Assert.Equal(0, outbox.Count());
        Assert.Equal(2, await outbox.DeadLetterCountAsync("watch_out", CancellationToken.None));
        Assert.Equal(3, await outbox.DeadLetterCountAsync(null, CancellationToken.None));
        var letters = outbox.DeadLetters();
        Assert.Equal(["b", "c", "d"], letters.Select(letter => letter.Message.CompositeId));
        Assert.All(letters, letter => Assert.Equal("Discord refused it: Invalid Form Body", letter.Reason));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EnqueueUnbounded_FullQueueOrSameKeyTwice_QueuesPastTheBoundOnce(StateEngine engine)
    {
        On(engine);
        var outbox = Context.Outbox(maxPerDestination: 1);
        outbox.EnqueueUnbounded([Message("watch_out", "a")]);

        var queued = outbox.EnqueueUnbounded([Message("watch_out", "layout"), Message("watch_out", "layout")]);

        Assert.Equal(1, queued);
        Assert.Equal(2, outbox.Count("watch_out"));
    }

    private static OutgoingMessage Message(string destination, string id) =>
        OutgoingMessage.ForListing(destination, destination, id, NotificationKind.NewListing, """{"title":"Rolex"}""");

    private static ScanCommit Scan(string site, string id)
    {
        var commit = new ScanCommit(site, StateTestContext.Start);
        commit.Added.Add(new NewSeenListing(new ListingRecord(id, null, "https://example.test/" + id, "Rolex", null, null, null, 1m, "EUR", null), "queued", Message(site, id)));
        return commit;
    }
}
