using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Core.Tests.State;
using WatchMonitor.Monitoring.Leases;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.Monitoring;

/// <summary>Several instances on one real database (each engine), each with its own database object as a process would have, on one fake clock.</summary>
public sealed class LeaseKeeperTests : StateSuite
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<MonitoredSite> _sites = MonitoredSites.Resolve(new ConfigurationBuilder().Build(), new MonitorOptions());

    [Theory]
    [MemberData(nameof(Engines))]
    public void Refresh_OneInstance_HoldsEverySite(StateEngine engine)
    {
        On(engine);
        var only = Keeper("a");

        only.Refresh();

        Assert.Equal(AllKeys, only.HeldSites());
        Assert.All(only.View!.Sites, site => Assert.Equal("a", site.Holder));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Refresh_TwoAndThreeInstances_SplitTheSitesFairlyWithoutOverlap(StateEngine engine)
    {
        On(engine);
        var a = Keeper("a");
        var b = Keeper("b");
        a.Refresh();
        Round(a, b);

        Assert.Equal(3, a.HeldSites().Count);
        Assert.Equal(3, b.HeldSites().Count);
        AssertEverySiteHeldOnce(a, b);

        var c = Keeper("c");
        Round(a, b, c);

        Assert.All(new[] { a, b, c }, keeper => Assert.Equal(2, keeper.HeldSites().Count));
        AssertEverySiteHeldOnce(a, b, c);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Refresh_ASecondInstance_TakesOnlyFreeSitesAndTheFirstGivesBackWhatIsAboveItsShare(StateEngine engine)
    {
        On(engine);
        var a = Keeper("a");
        var b = Keeper("b");
        a.Refresh();

        b.Refresh();
        Assert.Empty(b.HeldSites());
        Assert.Equal(6, a.HeldSites().Count);

        a.Refresh();
        Assert.Equal(["grimmeissen", "juwelier_exchange", "rueschenbeck"], a.HeldSites());

        b.Refresh();
        Assert.Equal(["tropicalwatch", "watch_out", "worldoftime"], b.HeldSites());
        AssertEverySiteHeldOnce(a, b);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Refresh_ASiteBeingScanned_IsNotGivenBackUntilItsScanEnds(StateEngine engine)
    {
        On(engine);
        var a = Keeper("a");
        var b = Keeper("b");
        a.Refresh();
        b.Refresh();
        var scan = a.BeginScan("worldoftime");
        Assert.NotNull(scan);

        a.Refresh();
        Assert.Contains("worldoftime", a.HeldSites());
        Assert.Equal(3, a.HeldSites().Count);

        b.Refresh();
        Assert.Equal(["rueschenbeck", "tropicalwatch", "watch_out"], b.HeldSites());
        scan.Dispose();
        AssertEverySiteHeldOnce(a, b);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Refresh_HolderStopsHeartBeating_AnotherTakesItsSitesWithinTwoLeases(StateEngine engine)
    {
        On(engine);
        var a = Keeper("a");
        var b = Keeper("b");
        a.Refresh();
        Round(a, b);
        var waited = TimeSpan.Zero;
        while (b.HeldSites().Count < 6 && waited <= Lease * 2)
        {
            Context.Time.Advance(Lease / 3);
            waited += Lease / 3;
            b.Refresh();
        }

        Assert.Equal(AllKeys, b.HeldSites());
        Assert.True(waited <= Lease * 2, $"took {waited}");
        Assert.All(Context.Database.Read(connection => new SiteLeaseTransaction(connection, null).ReadLeases()), lease => Assert.Equal("b", lease.Holder));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Refresh_ManyRoundsOfThreeInstancesComingAndGoing_NeverTwoHoldersOfOneSite(StateEngine engine)
    {
        On(engine);
        var keepers = new[] { Keeper("a"), Keeper("b"), Keeper("c") };
        var silent = new HashSet<int>();
        for (var round = 0; round < 60; round++)
        {
            Context.Time.Advance(TimeSpan.FromSeconds(round % 4 == 0 ? 11 : 3));
            if (round % 15 == 7)
            {
                silent.Add(round % 3);
            }
            else if (round % 15 == 0)
            {
                silent.Clear();
            }

            for (var turn = 0; turn < keepers.Length; turn++)
            {
                var index = (turn + round) % keepers.Length;
                if (!silent.Contains(index))
                {
                    keepers[index].Refresh();
                }
            }

            var now = Context.Time.GetUtcNow();
            var claims = keepers.SelectMany(keeper => keeper.HeldSites().Select(site => (keeper.InstanceName, site)))
                .Where(claim => LeaseOf(claim.site) is { } lease && lease.Holder == claim.InstanceName && lease.ExpiresAt > now)
                .GroupBy(claim => claim.site);
            Assert.All(claims, group => Assert.Single(group));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Stop_ReleasesEveryLeaseAndTheInstance_SoTheOtherTakesOverAtOnce(StateEngine engine)
    {
        On(engine);
        var a = Keeper("a");
        var b = Keeper("b");
        a.Refresh();
        Round(a, b);

        a.Stop();

        Assert.Empty(a.HeldSites());
        Assert.False(a.Joined);
        Assert.DoesNotContain(Context.Database.Read(connection => new SiteLeaseTransaction(connection, null).ReadLiveInstances(DateTimeOffset.MinValue)), instance => instance.Name == "a");
        Context.Time.Advance(TimeSpan.FromSeconds(1));
        b.Refresh();
        Assert.Equal(AllKeys, b.HeldSites());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ConfirmHeld_AfterATakeover_IsFalseForTheOldHolderAndRenewsForTheNew(StateEngine engine)
    {
        On(engine);
        var a = Keeper("a");
        var b = Keeper("b");
        a.Refresh();
        Context.Time.Advance(Lease * 2);
        b.Refresh();

        var database = Context.Database;
        Assert.False(database.Write((connection, transaction) => a.ConfirmHeld(connection, transaction, "worldoftime")));
        Context.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(database.Write((connection, transaction) => b.ConfirmHeld(connection, transaction, "worldoftime")));
        Assert.Equal(Context.Time.GetUtcNow() + Lease, LeaseOf("worldoftime").ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Refresh_SoleInstanceAfterACrash_TakesTheLeftoverLeasesAtOnce(StateEngine engine)
    {
        On(engine);
        var crashed = Keeper("old-123");
        crashed.Refresh();

        var restarted = Keeper("new-456", sole: true);
        restarted.Refresh();

        Assert.Equal(AllKeys, restarted.HeldSites());
    }

    private IReadOnlyList<string> AllKeys => [.. _sites.Select(site => site.Key).Order(StringComparer.Ordinal)];

    private LeaseKeeper Keeper(string name, bool sole = false)
    {
        var database = Context.NewDatabase();
        return new LeaseKeeper(new SiteLeases(database), _sites, new LeaseSettings(name, Lease, sole), Context.Time, Context.Logger<LeaseKeeper>());
    }

    /// <summary>Rounds of every keeper, each a third of a lease apart, until nobody's holdings change.</summary>
    private void Round(params LeaseKeeper[] keepers)
    {
        for (var pass = 0; pass < 4; pass++)
        {
            foreach (var keeper in keepers)
            {
                keeper.Refresh();
            }

            Context.Time.Advance(Lease / 3);
        }

        foreach (var keeper in keepers)
        {
            keeper.Refresh();
        }
    }

    private SiteLease LeaseOf(string site) =>
        Context.Database.Read(connection => new SiteLeaseTransaction(connection, null).ReadLeases()).Single(lease => lease.Site == site);

    private void AssertEverySiteHeldOnce(params LeaseKeeper[] keepers)
    {
        var held = keepers.SelectMany(keeper => keeper.HeldSites()).ToList();
        Assert.Equal(AllKeys, held.Order(StringComparer.Ordinal));
        var now = Context.Time.GetUtcNow();
        foreach (var keeper in keepers)
        {
            Assert.All(keeper.HeldSites(), site => Assert.True(LeaseOf(site) is var lease && lease.Holder == keeper.InstanceName && lease.ExpiresAt > now, site));
        }
    }
}
