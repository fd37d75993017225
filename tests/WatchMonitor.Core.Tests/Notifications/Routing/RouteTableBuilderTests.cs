using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Core.Tests.Notifications.Routing;

public sealed class RouteTableBuilderTests
{
    private const string Ntfy = "ntfys://ntfy.sh/phone_sekrit";
    private const string Telegram = "tgram://123456789:AAEsekrit/-1001234567890";
    private const string SiteWebhook = "https://discord.com/api/webhooks/1/grimmeissen_sekrit";

    [Fact]
    public void Build_FullRoute_ReadsEverySetting()
    {
        var table = Table(new()
        {
            ["Notifications:Routes:gmt:Sites"] = "grimmeissen, WATCH_OUT",
            ["Notifications:Routes:gmt:Brands"] = "Rolex,Tudor",
            ["Notifications:Routes:gmt:Keywords"] = "GMT Master, Explorer II",
            ["Notifications:Routes:gmt:Exclude"] = "Batman",
            ["Notifications:Routes:gmt:MinPrice"] = "5000",
            ["Notifications:Routes:gmt:MaxPrice"] = "12500.50",
            ["Notifications:Routes:gmt:Kinds"] = "new, PRICE_DROP, price_rise, sold",
            ["Notifications:Routes:gmt:To"] = $"{Ntfy}, {Telegram}",
            ["Notifications:Routes:gmt:Digest"] = "daily@08:30",
        });

        var route = Assert.Single(table.Routes);
        Assert.Equal("gmt", route.Name);
        Assert.Equal(new HashSet<string> { "grimmeissen", "watch_out" }, route.Sites);
        Assert.Equal(["Rolex", "Tudor"], route.Brands);
        Assert.Equal(["GMT Master", "Explorer II"], route.Keywords);
        Assert.Equal(["Batman"], route.Exclude);
        Assert.Equal(5000m, route.MinPriceEur);
        Assert.Equal(12500.50m, route.MaxPriceEur);
        Assert.Equal(Enum.GetValues<ListingEventKind>().ToHashSet(), route.Kinds);
        Assert.Equal([DestinationKind.Ntfy, DestinationKind.Telegram], route.To.Select(destination => destination.Kind));
        Assert.Equal(new DigestSchedule(new TimeOnly(8, 30)), route.Digest);
        Assert.False(route.IsImplicit);
    }

    [Fact]
    public void Build_MinimalRoute_TakesAllSitesNewAndPriceDrops()
    {
        var route = Assert.Single(Table(new() { ["Notifications:Routes:all:To"] = Ntfy }).Routes);
        Assert.Empty(route.Sites);
        Assert.Empty(route.Brands);
        Assert.Empty(route.Keywords);
        Assert.Empty(route.Exclude);
        Assert.Null(route.MinPriceEur);
        Assert.Null(route.MaxPriceEur);
        Assert.Equal(new HashSet<ListingEventKind> { ListingEventKind.New, ListingEventKind.PriceDrop }, route.Kinds);
        Assert.Null(route.Digest);
    }

    [Fact]
    public void Build_BlankKinds_IsTheDefault()
    {
        var route = Assert.Single(Table(new() { ["Notifications:Routes:all:To"] = Ntfy, ["Notifications:Routes:all:Kinds"] = " , " }).Routes);
        Assert.Equal(RouteTableBuilder.DefaultKinds.ToHashSet(), route.Kinds);
    }

    [Fact]
    public void Build_ArraysFromJson_AreReadLikeCommaLists()
    {
        var route = Assert.Single(Table(new()
        {
            ["Notifications:Routes:json:To:0"] = Ntfy,
            ["Notifications:Routes:json:To:1"] = Telegram,
            ["Notifications:Routes:json:Keywords:0"] = "Daytona",
            ["Notifications:Routes:json:Keywords:1"] = "GMT Master",
        }).Routes);
        Assert.Equal(2, route.To.Count);
        Assert.Equal(["Daytona", "GMT Master"], route.Keywords);
    }

    [Fact]
    public void Build_SameDestinationTwice_IsKeptOnce()
    {
        var route = Assert.Single(Table(new() { ["Notifications:Routes:a:To"] = $"{Ntfy},NTFYS://ntfy.sh/phone_sekrit/" }).Routes);
        Assert.Single(route.To);
    }

    [Fact]
    public void Build_SiteWebhooks_BecomeImplicitRoutesAfterTheExplicitOnes()
    {
        var table = Table(new()
        {
            ["GRIMMEISSEN_WEBHOOK_URL"] = SiteWebhook,
            ["Sites:watch_out:WebhookUrl"] = "http://127.0.0.1:5000/hook/sekrit",
            ["Sites:rueschenbeck:Enabled"] = "false",
            ["RUESCHENBECK_WEBHOOK_URL"] = "https://discord.com/api/webhooks/3/disabled",
            ["Notifications:Routes:zz:To"] = Ntfy,
        });

        Assert.Equal(["zz", "site:grimmeissen", "site:watch_out"], table.Routes.Select(route => route.Name));
        var site = table.Routes[1];
        Assert.True(site.IsImplicit);
        Assert.Equal(new HashSet<string> { "grimmeissen" }, site.Sites);
        Assert.Equal(new HashSet<ListingEventKind> { ListingEventKind.New, ListingEventKind.PriceDrop, ListingEventKind.PriceRise, ListingEventKind.Sold }, site.Kinds);
        Assert.Empty(site.Brands);
        Assert.Empty(site.Keywords);
        Assert.Null(site.MinPriceEur);
        Assert.Null(site.Digest);
        Assert.Equal(DestinationKind.Discord, Assert.Single(site.To).Kind);
        Assert.Equal(DestinationKind.Discord, Assert.Single(table.Routes[2].To).Kind);
        Assert.Equal(3, table.Destinations.Count);
    }

    [Fact]
    public void Build_ImplicitRoute_TakesWhatTheSiteWebhookTookBefore()
    {
        var table = Table(new() { ["GRIMMEISSEN_WEBHOOK_URL"] = SiteWebhook });
        var cheapUnknown = new RoutedListing("grimmeissen", "Unknown Watch", null, null, null, null);

        Assert.Single(table.Match(cheapUnknown, ListingEventKind.New));
        Assert.Single(table.Match(cheapUnknown, ListingEventKind.PriceDrop));
        Assert.Single(table.Match(cheapUnknown, ListingEventKind.PriceRise));
        Assert.Single(table.Match(cheapUnknown, ListingEventKind.Sold));
        Assert.Empty(table.Match(cheapUnknown with { SiteKey = "watch_out" }, ListingEventKind.New));
    }

    [Fact]
    public void Build_RouteToASiteWebhook_SharesItsDestination()
    {
        var table = Table(new()
        {
            ["GRIMMEISSEN_WEBHOOK_URL"] = SiteWebhook,
            ["Notifications:Routes:rolex:Brands"] = "Rolex",
            ["Notifications:Routes:rolex:To"] = $"{SiteWebhook},{Ntfy}",
        });
        var listing = new RoutedListing("grimmeissen", "Rolex Explorer", "Rolex", null, null, 7000m);

        var matches = table.Match(listing, ListingEventKind.New);

        Assert.Equal(["rolex", "rolex"], matches.Select(match => match.Route.Name));
        Assert.Equal(2, table.Destinations.Count);
    }

    [Fact]
    public void Build_NoRoutesNoWebhooks_IsEmpty()
    {
        var (table, errors) = Build(new());
        Assert.Empty(errors);
        Assert.Empty(table.Routes);
    }

    [Fact]
    public void Build_ConfiguredSite_CanBeNamed()
    {
        var (table, errors) = Build(new()
        {
            ["Sites:chrono_shop:Platform"] = "shopify",
            ["Sites:chrono_shop:ListingUrl"] = "https://chrono-shop.example/collections/new",
            ["Notifications:Routes:shop:Sites"] = "chrono_shop",
            ["Notifications:Routes:shop:To"] = Ntfy,
        });
        Assert.Empty(errors);
        Assert.Equal(new HashSet<string> { "chrono_shop" }, Assert.Single(table.Routes).Sites);
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "Notifications:Routes:gmt:MaxPrice", "abc", "Notifications:Routes:gmt:MaxPrice: 'abc' is not a number: give a price in euros such as 10000 or 9999.99." },
        { "Notifications:Routes:gmt:MinPrice", "-5", "Notifications:Routes:gmt:MinPrice: '-5' is not a number" },
        { "Notifications:Routes:gmt:MinPrice", "10.000", "Notifications:Routes:gmt:MinPrice: '10.000' looks like a number with a thousands separator" },
        { "Notifications:Routes:gmt:MaxPrice", "9,99", "Notifications:Routes:gmt:MaxPrice: '9,99' looks like a number with a thousands separator" },
        { "Notifications:Routes:gmt:MaxPrice", "5000 EUR", "Notifications:Routes:gmt:MaxPrice: '5000 EUR' is not a number" },
        { "Notifications:Routes:gmt:Kinds", "new,removed", "Notifications:Routes:gmt:Kinds: 'removed' is no event kind. Use a comma-separated list of: new, price_drop, price_rise, sold; or remove it for new,price_drop." },
        { "Notifications:Routes:gmt:Sites", "grimmeissen,ebay", "Notifications:Routes:gmt:Sites: 'ebay' is no site key. Use a comma-separated list of: worldoftime, grimmeissen" },
        { "Notifications:Routes:gmt:Digest", "weekly@08:00", "Notifications:Routes:gmt:Digest: 'weekly@08:00' is not a digest schedule: use daily@HH:mm" },
        { "Notifications:Routes:gmt:Digest", "daily@25:00", "Notifications:Routes:gmt:Digest: 'daily@25:00' is not a digest schedule" },
        { "Notifications:Routes:gmt:Keywords", "GMT, --", "Notifications:Routes:gmt:Keywords: '--' has no letters or digits to match: remove it." },
        { "Notifications:Routes:gmt:Exclude", "&", "Notifications:Routes:gmt:Exclude: '&' has no letters or digits" },
        { "Notifications:Routes:gmt:Brands", "?", "Notifications:Routes:gmt:Brands: '?' has no letters or digits" },
        { "Notifications:Routes:gmt:Keyword", "GMT", "Notifications:Routes:gmt:Keyword is no route setting. Use one of: Sites, Brands, Keywords, Exclude, MinPrice, MaxPrice, Kinds, To, Digest, ThreadName." },
        { "Notifications:Routes:gmt:To", "https://example.org/sekrit", "Notifications:Routes:gmt:To: https://example.org/*** is neither a Discord webhook" },
        { "Notifications:Routes:gmt:To", $"{Ntfy},tgram://123456:sekrit", "Notifications:Routes:gmt:To (URL 2 of 2): tgram://***/ has no chat id" },
        { "Notifications:Routes:gmt:To", " , ", "Notifications:Routes:gmt:To is missing: give the destination URLs, comma-separated" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Build_InvalidSetting_NamesTheKeyAndLeavesTheRouteOut(string key, string value, string expected)
    {
        var values = new Dictionary<string, string?> { ["Notifications:Routes:gmt:To"] = Ntfy, [key] = value };

        var (table, errors) = Build(values);

        var error = Assert.Single(errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("sekrit", error, StringComparison.Ordinal);
        Assert.Empty(table.Routes);
    }

    [Fact]
    public void Build_ToMissing_IsAnError()
    {
        var (_, errors) = Build(new() { ["Notifications:Routes:gmt:Brands"] = "Rolex" });
        Assert.StartsWith("Notifications:Routes:gmt:To is missing", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MinAboveMax_IsAnError()
    {
        var (_, errors) = Build(new() { ["Notifications:Routes:gmt:To"] = Ntfy, ["Notifications:Routes:gmt:MinPrice"] = "9000", ["Notifications:Routes:gmt:MaxPrice"] = "5000" });
        Assert.Equal("Notifications:Routes:gmt:MinPrice: 9000 is above MaxPrice 5000: swap them, or remove one.", Assert.Single(errors));
    }

    [Fact]
    public void Build_RouteNameWithOddCharacters_IsAnError()
    {
        var (_, errors) = Build(new() { ["Notifications:Routes:gmt master:To"] = Ntfy });
        Assert.StartsWith("Notifications:Routes:gmt master (environment Notifications__Routes__gmt master__…): a route name is letters, digits", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RouteGivenAsAValue_IsAnError()
    {
        var (_, errors) = Build(new() { ["Notifications:Routes:gmt"] = Ntfy });
        var error = Assert.Single(errors);
        Assert.StartsWith("Notifications:Routes:gmt is a value, not a route", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sekrit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ManyProblems_AreAllReported()
    {
        var (table, errors) = Build(new()
        {
            ["Notifications:Routes:a:MaxPrice"] = "abc",
            ["Notifications:Routes:a:Kinds"] = "old",
            ["Notifications:Routes:a:To"] = "ftp://x/sekrit",
            ["Notifications:Routes:b:Sites"] = "nowhere",
            ["Notifications:Routes:c:To"] = Ntfy,
        });

        Assert.Equal(
            ["Notifications:Routes:a:MaxPrice", "Notifications:Routes:a:Kinds", "Notifications:Routes:a:To", "Notifications:Routes:b:Sites", "Notifications:Routes:b:To"],
            errors.Select(error => error[..error.IndexOfAny([' ', '('])].TrimEnd(':')));
        Assert.Equal("c", Assert.Single(table.Routes).Name);
    }

    [Fact]
    public void Load_InvalidRoute_FailsStartNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Routes:gmt:MaxPrice"] = "abc",
            ["Notifications:Routes:gmt:To"] = Ntfy,
        }).Build();

        var exception = Assert.Throws<InvalidConfigurationException>(() => MonitorSettings.Load(configuration));

        Assert.Equal(["Notifications:Routes:gmt:MaxPrice: 'abc' is not a number: give a price in euros such as 10000 or 9999.99."], exception.Errors);
        Assert.DoesNotContain("sekrit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ValidRoutes_AreInTheSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GRIMMEISSEN_WEBHOOK_URL"] = SiteWebhook,
            ["Notifications:Routes:gmt:To"] = Ntfy,
        }).Build();

        var settings = MonitorSettings.Load(configuration);

        Assert.Equal(["gmt", "site:grimmeissen"], settings.Routes.Routes.Select(route => route.Name));
    }

    [Fact]
    public void AddWatchMonitor_RegistersTheRouteTableOnce()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Routes:gmt:To"] = Ntfy,
        }).Build();

        var services = new ServiceCollection().AddWatchMonitor(configuration, new RunSettings());

        var descriptor = Assert.Single(services, service => service.ServiceType == typeof(RouteTable));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        Assert.Equal("gmt", Assert.Single(Assert.IsType<RouteTable>(descriptor.ImplementationInstance).Routes).Name);
    }

    private static RouteTable Table(Dictionary<string, string?> values)
    {
        var (table, errors) = Build(values);
        Assert.Empty(errors);
        return table;
    }

    private static (RouteTable Table, IReadOnlyList<string> Errors) Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = configuration.Get<MonitorOptions>() ?? new MonitorOptions();
        return RouteTableBuilder.Build(configuration, MonitoredSites.Resolve(configuration, options));
    }
}
