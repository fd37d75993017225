using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

/// <summary>Outbox objects with handles of their own on one database stand for instances sharing it.</summary>
public sealed class OutboxClaimsTests : StateSuite
{
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PeekDueAsync_TwoInstances_NeverGetTheSameMessage(StateEngine engine)
    {
        On(engine);
        var (first, second) = (Instance("a"), Instance("b"));
        first.EnqueueUnbounded([.. Enumerable.Range(1, 6).Select(number => Message("watch_out", $"m{number}"))]);

        var firstClaim = await first.PeekDueAsync("watch_out", Now, 4, CancellationToken.None);
        var secondClaim = await second.PeekDueAsync("watch_out", Now, 10, CancellationToken.None);
        var firstAgain = await first.PeekDueAsync("watch_out", Now.AddSeconds(1), 10, CancellationToken.None);
        var secondAgain = await second.PeekDueAsync("watch_out", Now.AddSeconds(1), 10, CancellationToken.None);

        Assert.Equal(["m1", "m2", "m3", "m4"], Ids(firstClaim));
        Assert.Equal(["m5", "m6"], Ids(secondClaim));
        Assert.Equal(["m1", "m2", "m3", "m4"], Ids(firstAgain));
        Assert.Equal(["m5", "m6"], Ids(secondAgain));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PeekDueAsync_ManyInstancesAtOnce_EachMessageSentByOne(StateEngine engine)
    {
        On(engine);
        var instances = Enumerable.Range(0, 4).Select(index => Instance($"i{index}")).ToList();
        instances[0].EnqueueUnbounded([.. Enumerable.Range(1, 200).Select(number => Message("watch_out", $"m{number}"))]);

        var sent = await Task.WhenAll(instances.Select(instance => Task.Run(async () =>
        {
            var mine = new List<long>();
            IReadOnlyList<QueuedMessage> claimed;
            while ((claimed = await instance.PeekDueAsync("watch_out", Now, 3, CancellationToken.None)).Count > 0)
            {
                mine.AddRange(claimed.Select(message => message.Id));
                await instance.AcknowledgeAsync("watch_out", [.. claimed.Select(message => new DeliveredMessage(message.Id, null))], CancellationToken.None);
            }

            return mine;
        })));

        var all = sent.SelectMany(ids => ids).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PeekDueAsync_ClaimRanOut_AnotherInstanceTakesItOver(StateEngine engine)
    {
        On(engine);
        var (dead, alive) = (Instance("dead"), Instance("alive"));
        dead.EnqueueUnbounded([Message("watch_out", "a"), Message("watch_out", "b")]);
        await dead.PeekDueAsync("watch_out", Now, 10, CancellationToken.None);

        var whileClaimed = await alive.PeekDueAsync("watch_out", Now + ClaimDuration, 10, CancellationToken.None);
        var nextAttempt = await alive.NextAttemptAtAsync("watch_out", CancellationToken.None);
        var afterExpiry = await alive.PeekDueAsync("watch_out", Now + ClaimDuration + TimeSpan.FromTicks(1), 10, CancellationToken.None);
        var deadAgain = await dead.PeekDueAsync("watch_out", Now + ClaimDuration + TimeSpan.FromSeconds(1), 10, CancellationToken.None);

        Assert.Empty(whileClaimed);
        Assert.Equal(Now + ClaimDuration, nextAttempt);
        Assert.Equal(["a", "b"], Ids(afterExpiry));
        Assert.Empty(deadAgain);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PeekDueAsync_OneInstance_KeepsTheOrderByIdThroughAcknowledgementsAndFailures(StateEngine engine)
    {
        On(engine);
        var outbox = Instance("a");
        outbox.EnqueueUnbounded([.. Enumerable.Range(1, 5).Select(number => Message("watch_out", $"m{number}"))]);

        var first = await outbox.PeekDueAsync("watch_out", Now, 2, CancellationToken.None);
        await outbox.AcknowledgeAsync("watch_out", [new DeliveredMessage(first[0].Id, null)], CancellationToken.None);
        var second = await outbox.PeekDueAsync("watch_out", Now, 2, CancellationToken.None);
        await outbox.RecordFailureAsync([second[0].Id], Now, CancellationToken.None);
        var third = await outbox.PeekDueAsync("watch_out", Now, 10, CancellationToken.None);

        Assert.Equal(["m1", "m2"], Ids(first));
        Assert.Equal(["m2", "m3"], Ids(second));
        Assert.Equal(["m2", "m3", "m4", "m5"], Ids(third));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task RecordFailureAsync_ClaimedMessage_AnyInstanceMayRetryIt(StateEngine engine)
    {
        On(engine);
        var (first, second) = (Instance("a"), Instance("b"));
        first.EnqueueUnbounded([Message("watch_out", "a")]);
        var claimed = Assert.Single(await first.PeekDueAsync("watch_out", Now, 10, CancellationToken.None));

        await first.RecordFailureAsync([claimed.Id], Now.AddSeconds(2), CancellationToken.None);
        var retried = await second.PeekDueAsync("watch_out", Now.AddSeconds(2), 10, CancellationToken.None);

        Assert.Equal(["a"], Ids(retried));
        Assert.Equal(1, retried[0].Attempts);
    }

    [Fact]
    public void IdlePoll_SharedOrAlone_OnlyASharedDatabaseIsPolled()
    {
        var shared = new SqliteOutbox(Context.Database, Context.Time, 1000, new OutboxClaims("a", ClaimDuration, TimeSpan.FromSeconds(2)));

        Assert.Equal(TimeSpan.FromSeconds(2), shared.IdlePoll);
        Assert.Null(Instance("b").IdlePoll);
    }

    [Fact]
    public void DurationFor_LeaseOrPostTimeout_TheLongerWithRoomForTheAcknowledgement()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxClaims.DurationFor(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15)));
        Assert.Equal(TimeSpan.FromSeconds(65), OutboxClaims.DurationFor(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)));
    }

    private static DateTimeOffset Now => StateTestContext.Start;

    private SqliteOutbox Instance(string name)
    {
        var database = Context.NewDatabase();
        database.Open();
        return new(database, Context.Time, 1000, OutboxClaims.Sole(name, ClaimDuration));
    }

    private static List<string> Ids(IEnumerable<QueuedMessage> messages) => [.. messages.Select(message => message.CompositeId)];

    private static OutgoingMessage Message(string destination, string id) =>
        OutgoingMessage.ForListing(destination, destination, id, NotificationKind.NewListing, """{"title":"Rolex"}""");
}
