using WatchMonitor.Notifications.Routing;
using static WatchMonitor.Core.Tests.Notifications.Routing.RouteDefinitionTests;

namespace WatchMonitor.Core.Tests.Notifications.Routing;

public sealed class RouteTableTests
{
    private static readonly DestinationAddress Phone = Destination("ntfys://ntfy.sh/phone_alerts");
    private static readonly DestinationAddress Team = Destination("https://hooks.slack.com/services/T1/B1/team");
    private static readonly DestinationAddress SiteHook = Destination("https://discord.com/api/webhooks/1/site");
    private static readonly RoutedListing Gmt = new("grimmeissen", "Rolex GMT-Master II", "Rolex", null, "126710BLRO", 14_500m);

    [Fact]
    public void Routes_ExplicitInNameOrderThenImplicit()
    {
        var table = new RouteTable([
            Route("site:grimmeissen", isImplicit: true), Route("zeta"), Route("site:watch_out", isImplicit: true), Route("Alpha"), Route("beta")]);
        Assert.Equal(["Alpha", "beta", "zeta", "site:grimmeissen", "site:watch_out"], table.Routes.Select(route => route.Name));
    }

    [Fact]
    public void Match_SameDestinationFromSeveralRoutes_OnceByTheFirstRoute()
    {
        var table = new RouteTable([
            Route("site:grimmeissen", sites: ["grimmeissen"], to: [SiteHook], isImplicit: true),
            Route("rolex", brands: ["Rolex"], to: [Phone, SiteHook]),
            Route("gmt", keywords: ["GMT"], to: [Phone, Team]),
        ]);

        var matches = table.Match(Gmt, ListingEventKind.New);

        Assert.Equal(
            [("gmt", Phone.Key), ("gmt", Team.Key), ("rolex", SiteHook.Key)],
            matches.Select(match => (match.Route.Name, match.Destination.Key)));
    }

    [Fact]
    public void Match_RouteThatDoesNotMatch_GivesNothing()
    {
        var table = new RouteTable([Route("omega", brands: ["Omega"], to: [Phone]), Route("gmt", keywords: ["GMT"], to: [Phone], kinds: new HashSet<ListingEventKind> { ListingEventKind.Sold })]);
        Assert.Empty(table.Match(Gmt, ListingEventKind.New));
    }

    [Fact]
    public void Match_EarlierRouteFilteredOut_LaterRouteStillDelivers()
    {
        var table = new RouteTable([Route("a_cheap", max: 1_000, to: [Phone]), Route("b_any", to: [Phone])]);
        var match = Assert.Single(table.Match(Gmt, ListingEventKind.New));
        Assert.Equal("b_any", match.Route.Name);
    }

    [Fact]
    public void Match_ImplicitRouteOfAnotherSite_DoesNotDeliver()
    {
        var table = new RouteTable(RouteTableBuilder.ImplicitRoutes([]).Append(Route("site:watch_out", sites: ["watch_out"], to: [SiteHook], isImplicit: true)));
        Assert.Empty(table.Match(Gmt, ListingEventKind.New));
    }

    [Fact]
    public void Destinations_DistinctByKey_InFirstNamedOrder()
    {
        var again = Destination("NTFYS://ntfy.sh/phone_alerts/");
        var table = new RouteTable([Route("b", to: [Team, again]), Route("a", to: [Phone]), Route("site:x", to: [SiteHook, Team], isImplicit: true)]);

        Assert.Equal([Phone.Key, Team.Key, SiteHook.Key], table.Destinations.Select(destination => destination.Key));
        Assert.Same(Phone, table.FindDestination(Phone.Key));
        Assert.Null(table.FindDestination("ntfy-000000000000"));
    }

    [Fact]
    public void RoutesTo_NamesEveryRouteOfADestination()
    {
        var table = new RouteTable([Route("b", to: [Team]), Route("a", to: [Phone, Team])]);
        Assert.Equal(["a", "b"], table.RoutesTo(Team.Key).Select(route => route.Name));
    }

    [Fact]
    public void Empty_HasNothing()
    {
        Assert.Empty(RouteTable.Empty.Routes);
        Assert.Empty(RouteTable.Empty.Destinations);
        Assert.Empty(RouteTable.Empty.Match(Gmt, ListingEventKind.New));
    }
}
