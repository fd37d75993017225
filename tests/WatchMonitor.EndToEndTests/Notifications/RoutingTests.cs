using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Channels;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Notifications.Channels.Telegram;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Notifications;

/// <summary>
/// Routes and channels end to end (docs/notifications.md): filters deliver exactly their matches, a destination
/// named twice gets a listing once, every channel gets its own format, a dead destination holds back nobody else,
/// and Discord alerts never ping and are edited when the price changes.
/// </summary>
public sealed class RoutingTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string Site = "grimmeissen";

    [Fact]
    public async Task RunCycles_RouteFilters_DeliverExactlyTheMatchingListingsAndKinds()
    {
        var urls = Harness.Server.ChannelUrls;
        await using var monitor = StartMonitor(
            ("Notifications:Routes:rolex:Brands", "Rolex"),
            ("Notifications:Routes:rolex:Exclude", "Daytona"),
            ("Notifications:Routes:rolex:MinPrice", "5000"),
            ("Notifications:Routes:rolex:MaxPrice", "20000"),
            ("Notifications:Routes:rolex:To", urls.Json),
            ("Notifications:Routes:gmt:Keywords", "GMT"),
            ("Notifications:Routes:gmt:Kinds", "new,price_rise"),
            ("Notifications:Routes:gmt:To", urls.Ntfy));
        await monitor.RunCycleAsync();
        var site = Harness.Server.Site(Site);
        var submariner = site.Add(Watch("Rolex", "Submariner Date", "116610LN", 10_000m));
        site.Add(Watch("Rolex", "Daytona", "116500LN", 15_000m));
        var gmtMaster = site.Add(Watch("Rolex", "GMT Master II", "126710BLRO", 12_000m));
        site.Add(Watch("Rolex", "Explorer", "214270", 25_000m));
        site.Add(Watch("Omega", "Seamaster", "210.30", 6_000m));
        var blackBay = site.Add(Watch("Tudor", "Black Bay GMT", "79830RB", 3_500m));

        await monitor.RunCycleAsync();
        site.Reprice(submariner.Id, 9_000m);
        site.Reprice(gmtMaster.Id, 13_000m);
        await monitor.RunCycleAsync();

        var json = Harness.Server.Channels.Received(FakeChannels.Json).Select(Event).ToList();
        Assert.Equal(
            new[] { ("new", Url(submariner)), ("new", Url(gmtMaster)), ("price_drop", Url(submariner)) }.Order(),
            json.Select(received => (received.Kind, received.Url)).Order());
        var ntfy = Harness.Server.Channels.Received(FakeChannels.Ntfy);
        Assert.Equal(
            new[] { Url(gmtMaster), Url(blackBay), Url(gmtMaster) }.Order(),
            ntfy.Select(request => request.Text("click")).Order());
        Assert.Single(ntfy, request => request.Text("message")!.StartsWith("Price rose: €12.000 → €13.000", StringComparison.Ordinal));
        // The site's own webhook, an implicit route without filters, still receives everything.
        Assert.Equal(8, Harness.Server.Discord.Webhook(Site).Embeds.Count);
    }

    [Fact]
    public async Task RunCycle_ListingMatchingTwoRoutesToOneDestination_ArrivesThereOnce()
    {
        var urls = Harness.Server.ChannelUrls;
        var siteWebhook = Harness.Server.UrlsFor(Site).WebhookUrl;
        await using var monitor = StartMonitor(
            ("Notifications:Routes:brand:Brands", "Rolex"),
            ("Notifications:Routes:brand:To", urls.Json + "," + siteWebhook),
            ("Notifications:Routes:model:Keywords", "Submariner"),
            ("Notifications:Routes:model:To", urls.Json));
        await monitor.RunCycleAsync();
        var submariner = Harness.Server.Site(Site).Add(Watch("Rolex", "Submariner Date", "116610LN", 10_000m));

        await monitor.RunCycleAsync();
        await monitor.RunCycleAsync();

        Assert.Equal(Url(submariner), Event(Assert.Single(Harness.Server.Channels.Received(FakeChannels.Json))).Url);
        Assert.Equal(Url(submariner), Assert.Single(Harness.Server.Discord.Webhook(Site).Embeds).Url);
    }

    [Fact]
    public async Task RunCycle_EveryChannel_GetsTheListingInItsOwnFormat()
    {
        var urls = Harness.Server.ChannelUrls;
        await using var monitor = StartMonitor(
            ("Notifications:Routes:all:To", string.Join(',', urls.Ntfy, urls.Telegram, urls.Slack, urls.Json)));
        await monitor.RunCycleAsync();
        var watch = Harness.Server.Site(Site).Add(Watch("A. Lange & Söhne", "Datograph (Up/Down)", "405.035", 45_000m));

        await monitor.RunCycleAsync();

        var channels = Harness.Server.Channels;
        var json = Event(Assert.Single(channels.Received(FakeChannels.Json)));
        Assert.Equal(("new", Url(watch)), (json.Kind, json.Url));
        Assert.Equal(Site, json.Site);
        Assert.Equal(45_000m, json.Price);
        Assert.Contains("Söhne", json.Title, StringComparison.Ordinal);

        var ntfy = Assert.Single(channels.Received(FakeChannels.Ntfy));
        Assert.Equal("wm-topic-secret-7f3a", ntfy.Text("topic"));
        Assert.Equal(json.Title, ntfy.Text("title"));
        Assert.Contains("€45.000", ntfy.Text("message"), StringComparison.Ordinal);
        Assert.Contains(Url(watch), ntfy.Text("message"), StringComparison.Ordinal);
        Assert.Equal(Url(watch), ntfy.Text("click"));
        Assert.StartsWith("http://127.0.0.1:", ntfy.Text("attach"), StringComparison.Ordinal);

        var telegram = Assert.Single(channels.Received(FakeChannels.Telegram));
        Assert.EndsWith("/sendPhoto", telegram.Path, StringComparison.Ordinal);
        Assert.Equal("-1001234567890", telegram.Text("chat_id"));
        Assert.Equal("MarkdownV2", telegram.Text("parse_mode"));
        Assert.StartsWith("*" + TelegramSender.Escape(json.Title) + "*\n€45\\.000", telegram.Text("caption"), StringComparison.Ordinal);
        Assert.Contains("\\.", telegram.Text("caption"), StringComparison.Ordinal);
        Assert.NotNull(telegram.Text("photo"));

        var slack = Assert.Single(channels.Received(FakeChannels.Slack));
        Assert.Equal("/slack/services/T00000000/B00000000/FakeSlackSecret0123456789", slack.Path);
        using (var document = JsonDocument.Parse(slack.Body))
        {
            var blocks = document.RootElement.GetProperty("blocks");
            Assert.Contains("&amp;", blocks[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal("image", blocks[1].GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task RunCycle_DeadDestinations_DelayNoOther()
    {
        var urls = Harness.Server.ChannelUrls;
        var closed = ClosedPort();
        Harness.Server.Channels.MarkGone(FakeChannels.Telegram);
        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");
        await using var monitor = StartMonitor(
            ("Notifications:Routes:dead:To", $"json://127.0.0.1:{closed}/json/events-secret-9c1d," + urls.Telegram),
            ("Notifications:Routes:alive:To", urls.Ntfy));
        await monitor.RunCycleAsync();
        var site = Harness.Server.Site(Site);
        var first = site.Add(Watch("Rolex", "Submariner Date", "116610LN", 10_000m));

        await monitor.RunCycleAsync();
        var second = site.Add(Watch("Rolex", "Explorer", "214270", 8_000m));
        await monitor.RunCycleAsync();

        Assert.Equal([Url(first), Url(second)], Harness.Server.Channels.Received(FakeChannels.Ntfy).Select(request => request.Text("click")));
        Assert.Equal(2, Harness.Server.Discord.Webhook(Site).Stats.Accepted);
        Assert.Empty(Harness.Server.Channels.Received(FakeChannels.Telegram));
        var health = monitor.Services.GetRequiredService<WatchMonitor.Monitoring.Health.IHealthSource>().Current();
        Assert.Contains(health.Destinations!.Values, destination => destination.Stopped && destination.Name == "tgram://***/***");
        Assert.Contains(health.Destinations.Values, destination => destination is { State: WatchMonitor.Notifications.Delivery.DestinationState.Waiting, Pending: > 0 });
    }

    [Fact]
    public async Task RunCycles_RoutesToEveryChannelSomeGone_NoDestinationSecretInHealthMetricsDashboardOrCommands()
    {
        var urls = Harness.Server.ChannelUrls;
        Harness.Server.Channels.MarkGone(FakeChannels.Telegram);
        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");
        var health = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Health:Url", "http://127.0.0.1:0"), new("HEALTH_ENABLED", "true")]).Build();
        await using var monitor = StartMonitor(
            services => WatchMonitor.Hosting.HealthHostingExtensions.AddHealthEndpoints(services, health),
            ("Notifications:Routes:all:To", string.Join(',', urls.Ntfy, urls.Telegram, urls.Slack, urls.Json)),
            ("Notifications:Routes:daily:To", urls.Json + "," + urls.Ntfy),
            ("Notifications:Routes:daily:Digest", "daily@08:00"));
        await monitor.RunCycleAsync();
        Harness.Server.Site(Site).Add(Watch("Rolex", "Submariner Date", "116610LN", 10_000m));
        await monitor.RunCycleAsync();

        var texts = new List<(string Where, string Text)>();
        var endpoints = monitor.Services.GetRequiredService<WatchMonitor.Hosting.HealthEndpoints>();
        await endpoints.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient { BaseAddress = Assert.Single(endpoints.Addresses) };
            foreach (var path in new[] { "/health", "/metrics", "/", "/api/sites", "/api/listings?limit=50" })
            {
                texts.Add((path, await http.GetStringAsync(new Uri(path, UriKind.Relative))));
            }
        }
        finally
        {
            await endpoints.StopAsync(CancellationToken.None);
        }

        await monitor.StopDeliveryAsync();
        var environment = new Dictionary<string, string?>(Harness.Server.MonitorConfiguration(), StringComparer.OrdinalIgnoreCase)
        {
            ["SKIP_SITES"] = "worldoftime,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck",
            ["STATE_DATABASE"] = Directory.GetFiles(Harness.StateDirectory, "watchmon.db", SearchOption.AllDirectories).Single(),
            ["HEALTH_ENABLED"] = "false",
            ["Notifications:TelegramApiUrl"] = urls.TelegramApiUrl,
            ["Notifications:Routes:all:To"] = string.Join(',', urls.Ntfy, urls.Telegram, urls.Slack, urls.Json),
        };
        foreach (var command in new[] { "stats", "validate" })
        {
            var result = await WatchMonitor.EndToEndTests.Reliability.WatchmonProcess.RunAsync(Harness.StateDirectory, environment, command);
            texts.Add((command, result.All));
        }

        Assert.Contains(texts, text => text.Where == "validate" && text.Text.Contains("not probed (would post)", StringComparison.Ordinal));
        Assert.Contains(texts, text => text.Where == "stats" && text.Text.Contains("ntfy://127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(texts, text => text.Where == "/health" && text.Text.Contains("tgram://***/***", StringComparison.Ordinal));
        var leaks = texts.SelectMany(text => Harness.Secrets().Where(secret => text.Text.Contains(secret, StringComparison.Ordinal)).Select(secret => $"{text.Where}: {secret}")).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    private MonitorInstance StartMonitor(params (string Key, string Value)[] settings) => StartMonitor(_ => { }, settings);

    private MonitorInstance StartMonitor(Action<IServiceCollection> configure, params (string Key, string Value)[] settings)
    {
        var urls = Harness.Server.ChannelUrls;
        var all = settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value))
            .Append(new("Notifications:TelegramApiUrl", urls.TelegramApiUrl))
            .Append(new("SKIP_SITES", "worldoftime,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck"));
        return Harness.StartMonitor(all, services =>
        {
            services.AddHttpClient(WatchMonitor.Http.HttpServiceCollectionExtensions.DiscordClient)
                .AddHttpMessageHandler(() => new SlackToLoopback(new Uri(urls.SlackLoopbackBase)));
            configure(services);
        });
    }

    private string Url(FakeListing listing) => Harness.Server.ExpectListing(Site, listing)!.Url;

    private static FakeListing Watch(string brand, string model, string reference, decimal price) => new()
    {
        Id = 0,
        Brand = brand,
        Model = model,
        Reference = reference,
        Year = 2021,
        Price = price,
    };

    private static (string Kind, string Url, string Site, decimal? Price, string Title) Event(ChannelRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement;
        var listing = root.GetProperty("listing");
        return (root.GetProperty("kind").GetString()!, listing.GetProperty("url").GetString()!, root.GetProperty("site").GetString()!,
            listing.TryGetProperty("price", out var price) ? price.GetDecimal() : null, listing.GetProperty("title").GetString()!);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Slack webhooks live on hooks.slack.com only: the test sends them to the fake Slack on loopback instead.</summary>
    private sealed class SlackToLoopback(Uri loopback) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { Host: "hooks.slack.com" } uri)
            {
                request.RequestUri = new Uri(loopback.AbsoluteUri.TrimEnd('/') + uri.PathAndQuery.Replace("/services", "/services", StringComparison.Ordinal));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
