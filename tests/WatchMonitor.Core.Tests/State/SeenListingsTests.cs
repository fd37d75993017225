using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SeenListingsTests : StateSuite
{
    [Theory]
    [MemberData(nameof(Engines))]
    public void Commit_NewListingWithMessage_MarksSeenAndQueuesInOneTransaction(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen();
        var commit = new ScanCommit("watch_out", StateTestContext.Start);
        commit.Added.Add(Queued("watch_out", "a"));

        var result = seen.Commit(commit);

        Assert.Equal(new ScanCommitResult(1, 0, 0), result);
        Assert.True(seen.HasState("watch_out"));
        Assert.False(seen.HasState("grimmeissen"));
        Assert.True(seen.IsSeen("watch_out", "a"));
        var message = Assert.Single(Context.Outbox().Pending());
        Assert.Equal(("watch_out", "a", NotificationKind.NewListing), (message.DestinationKey, message.CompositeId, message.Kind));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Commit_MessageCannotBeQueued_MarksNothingSeen(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen();
        seen.Commit(new ScanCommit("watch_out", StateTestContext.Start));
        Context.RefuseInserts("outbox");
        var commit = new ScanCommit("watch_out", StateTestContext.Start.AddMinutes(1));
        commit.Added.Add(Queued("watch_out", "a"));

        Assert.ThrowsAny<System.Data.Common.DbException>(() => seen.Commit(commit));

        Assert.False(seen.IsSeen("watch_out", "a"));
        Assert.Empty(Context.Outbox().Pending());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Commit_DestinationQueueFull_RefusesOnlyItsOwnListings(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen(maxPerDestination: 2);
        var full = new ScanCommit("watch_out", StateTestContext.Start);
        full.Added.AddRange([Queued("watch_out", "a"), Queued("watch_out", "b"), Queued("watch_out", "c"), new NewSeenListing(Record("d"), "logged")]);
        var other = new ScanCommit("grimmeissen", StateTestContext.Start);
        other.Added.Add(Queued("grimmeissen", "x"));

        var refused = seen.Commit(full);
        var accepted = seen.Commit(other);

        Assert.Equal(new ScanCommitResult(2, 1, 0), refused);
        Assert.False(seen.IsSeen("watch_out", "c"));
        Assert.True(seen.IsSeen("watch_out", "d"));
        Assert.Equal(1, accepted.Queued);
        Assert.Equal(2, Context.Outbox().Count("watch_out"));
        Assert.Equal(1, Context.Outbox().Count("grimmeissen"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Commit_BeyondCap_DropsTheIdsGoneLongestAndNeverAStillListedOne(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen(maxPerSite: 3);
        var first = new ScanCommit("worldoftime", StateTestContext.Start);
        first.Added.AddRange(Listings("baseline", "a", "b", "c"));
        seen.Commit(first);
        var second = new ScanCommit("worldoftime", StateTestContext.Start.AddMinutes(1));
        second.StillListed.Add(Record("a"));
        second.Added.AddRange(Listings("logged", "d", "e"));

        var result = seen.Commit(second);

        Assert.Equal(2, result.Trimmed);
        Assert.Equal(["a", "d", "e"], seen.FindSeen("worldoftime", ["a", "b", "c", "d", "e"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Commit_PageOfMoreListingsThanTheCap_KeepsEveryListedOne(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen(maxPerSite: 2);
        var commit = new ScanCommit("worldoftime", StateTestContext.Start);
        commit.Added.AddRange(Listings("baseline", "a", "b", "c"));

        seen.Commit(commit);

        Assert.Equal(3, seen.CountFor("worldoftime"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Commit_ListedUnderItsLegacyId_RecordsTheCompositeIdAndRefreshesTheLegacyOne(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen(maxPerSite: 2);
        Import("worldoftime", "legacy");
        var commit = new ScanCommit("worldoftime", StateTestContext.Start);
        commit.StillListed.Add(Record("composite") with { LegacyId = "legacy" });
        commit.Added.Add(new NewSeenListing(Record("other"), "logged"));

        seen.Commit(commit);

        Assert.Equal(["composite", "legacy", "other"], seen.FindSeen("worldoftime", ["composite", "legacy", "other"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void LastKnownPriceForUrl_PriceChangedUnderSameUrl_ReturnsTheLatestIdAndPrice(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen();
        var first = new ScanCommit("watch_out", StateTestContext.Start);
        first.Added.Add(new NewSeenListing(Record("a", 8500m, "https://example.test/watch"), "logged"));
        seen.Commit(first);
        var second = new ScanCommit("watch_out", StateTestContext.Start.AddMinutes(1));
        second.Added.Add(new NewSeenListing(Record("b", 7900m, "https://example.test/watch"), "logged", PreviousPrice: 8500m));
        seen.Commit(second);

        Assert.Equal(new SeenPrice("b", 7900m, "EUR"), seen.LastKnownPriceForUrl("watch_out", "https://example.test/watch"));
        Assert.Null(seen.LastKnownPriceForUrl("watch_out", "https://example.test/other"));
        var row = Assert.Single(new ListingQuery(Context.Database).Latest("watch_out", null, 1));
        Assert.Equal(("b", 1, 8500m), (row.CompositeId, row.PriceChanges, row.PreviousPrice));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Commit_ListingLeftThePage_IsMarkedRemovedUntilListedAgain(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen();
        var first = new ScanCommit("watch_out", StateTestContext.Start);
        first.Added.AddRange(Listings("baseline", "a", "b"));
        seen.Commit(first);
        var second = new ScanCommit("watch_out", StateTestContext.Start.AddMinutes(1));
        second.StillListed.Add(Record("a"));

        seen.Commit(second);

        var rows = new ListingQuery(Context.Database).Latest("watch_out", null, 10).ToDictionary(row => row.CompositeId);
        Assert.Null(rows["a"].RemovedAt);
        Assert.Equal(StateTestContext.Start.AddMinutes(1), rows["b"].RemovedAt);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Latest_Text_MatchesTitleBrandOrReferenceCaseInsensitivelyAndLiterally(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen();
        var commit = new ScanCommit("watch_out", StateTestContext.Start);
        commit.Added.Add(new NewSeenListing(new ListingRecord("a", null, "https://example.test/a", "Omega Speedmaster 100% original", "Omega", "Speedmaster", "311.30", 5000m, "EUR", "https://example.test/a.jpg"), "logged"));
        commit.Added.Add(new NewSeenListing(new ListingRecord("b", null, "https://example.test/b", "Omega Seamaster 1000", "Omega", "Seamaster", "2531_80", 3000m, "EUR", null), "logged"));
        seen.Commit(commit);
        var query = new ListingQuery(Context.Database);

        Assert.Equal(["a", "b"], query.Latest(null, null, 10, "omega").Select(row => row.CompositeId).Order(StringComparer.Ordinal));
        Assert.Equal("a", Assert.Single(query.Latest(null, null, 10, "100%")).CompositeId);
        Assert.Empty(query.Latest(null, null, 10, "10%0"));
        Assert.Equal("b", Assert.Single(query.Latest(null, null, 10, "2531_")).CompositeId);
        Assert.Empty(query.Latest(null, null, 10, "311_"));
        Assert.Equal("b", Assert.Single(query.Latest("watch_out", null, 10, "SEAMASTER")).CompositeId);
        Assert.Equal("https://example.test/a.jpg", Assert.Single(query.Latest(null, null, 10, "speedmaster")).ImageUrl);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Trim_ToASmallerCap_DropsTheLeastRecentlySeen(StateEngine engine)
    {
        On(engine);
        var seen = Context.Seen();
        for (var minute = 0; minute < 5; minute++)
        {
            var commit = new ScanCommit("watch_out", StateTestContext.Start.AddMinutes(minute));
            commit.Added.Add(new NewSeenListing(Record($"id{minute}"), "logged"));
            seen.Commit(commit);
        }

        Assert.Equal(3, seen.Trim(2));

        Assert.Equal(["id3", "id4"], seen.FindSeen("watch_out", ["id0", "id1", "id2", "id3", "id4"]).Order(StringComparer.Ordinal));
    }

    private static ListingRecord Record(string id, decimal? price = 100m, string? url = null) =>
        new(id, null, url ?? $"https://example.test/{id}", "Rolex", "Rolex", "Submariner", "16610", price, "EUR", null);

    private static IEnumerable<NewSeenListing> Listings(string alert, params string[] ids) => ids.Select(id => new NewSeenListing(Record(id), alert));

    private static NewSeenListing Queued(string site, string id) =>
        new(Record(id), "queued", OutgoingMessage.ForListing(site, site, id, NotificationKind.NewListing, """{"title":"Rolex"}"""));

    private void Import(string site, string id) => Context.Database.Write((connection, transaction) =>
    {
        StateDatabase.Execute(connection, $"INSERT INTO site (key) VALUES ('{site}'); INSERT INTO listing (site, id, alert) VALUES ('{site}', '{id}', 'imported');", transaction);
    });
}
