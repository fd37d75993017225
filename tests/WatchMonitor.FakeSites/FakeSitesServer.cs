using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;
using WatchMonitor.FakeSites.Channels;
using WatchMonitor.FakeSites.Discord;
using WatchMonitor.FakeSites.Exchange;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.FakeSites.Rendering;
using WatchMonitor.FakeSites.Rendering.Platforms;
using WatchMonitor.FakeSites.Scenario;

namespace WatchMonitor.FakeSites;

/// <summary>
/// The six dealer sites, a Discord webhook per site and the exchange-rate API on one Kestrel at 127.0.0.1.
/// Layout: <c>/{siteKey}/…</c> per dealer, <c>/api/webhooks/{id}/{token}</c>, <c>/exchange/v4/latest/USD</c>,
/// <c>/_scenario/…</c> for driving it over HTTP. State is changed through <see cref="Site"/>, <see cref="Faults"/>,
/// <see cref="Discord"/> and <see cref="ExchangeRate"/>; every change shows on the next request.
/// </summary>
public sealed partial class FakeSitesServer : IAsyncDisposable
{
    /// <summary>Site key the exchange-rate route is counted and faulted under.</summary>
    public const string ExchangeKey = "exchange";

    // A 1×1 GIF for every picture URL: monitors only pass image URLs on, but a browser opening a page sees something.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private readonly WebApplication _app;
    private readonly FakeSitesOptions _options;
    private readonly Dictionary<string, FakeSite> _sites;
    private readonly Dictionary<string, ServedShop> _served;
    private readonly FaultResponder _responder;
    private readonly ILogger _logger;

    private FakeSitesServer(WebApplication app, FakeSitesOptions options)
    {
        _app = app;
        _options = options;
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        _logger = loggerFactory.CreateLogger<FakeSitesServer>();
        _served = SiteRenderers.Served.Select(renderer => new ServedShop(renderer.Key, renderer, (renderer as PlatformShopRenderer)?.Name))
            .Concat(ShopCopies(options.PlatformShopCopies))
            .ToDictionary(shop => shop.Key, StringComparer.Ordinal);
        _sites = _served.Keys
            .Select((key, index) => new FakeSite(key, options.Seed + index, options.InitialListingsPerSite, PageSizeOf(key)))
            .ToDictionary(site => site.Key, StringComparer.Ordinal);
        Faults = new FaultInjector();
        Discord = new FakeDiscord(_served.Keys, options.MessagesPerWebhook, options.TimeProvider, loggerFactory.CreateLogger<FakeDiscord>())
        {
            BuiltInCount = SiteRenderers.Keys.Count,
        };
        ExchangeRate = new FakeExchangeRate(options.TimeProvider);
        _responder = new FaultResponder(
            Faults,
            options.TimeProvider,
            ForeignListingPage,
            age => ExchangeRate.Handle("USD", age),
            loggerFactory.CreateLogger<FaultResponder>());
    }

    /// <summary>"http://127.0.0.1:PORT", no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port { get; private set; }

    public FaultInjector Faults { get; }

    public FakeDiscord Discord { get; }

    /// <summary>Fake ntfy, Telegram, Slack and JSON endpoints; <see cref="ChannelUrls"/> says how to reach each.</summary>
    public FakeChannels Channels { get; } = new();

    /// <summary>Destination URLs of the fake channels, and the Telegram API base for <c>Notifications:TelegramApiUrl</c>.</summary>
    public ChannelUrls ChannelUrls => new(
        $"ntfy://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/ntfy/wm-topic-secret-7f3a",
        $"tgram://{FakeChannels.TelegramToken}/-1001234567890",
        BaseUrl + "/telegram",
        "https://hooks.slack.com/services/T00000000/B00000000/FakeSlackSecret0123456789",
        BaseUrl + "/slack",
        $"json://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/json/events-secret-9c1d");

    public FakeExchangeRate ExchangeRate { get; }

    public RequestLog Requests { get; } = new();

    /// <summary>The six built-in dealers (the sites the monitor watches without extra configuration).</summary>
    public IReadOnlyList<FakeSite> Sites => [.. SiteRenderers.Keys.Select(key => _sites[key])];

    /// <summary>The platform shops, watched only when <see cref="PlatformConfiguration"/> is given to the monitor.</summary>
    public IReadOnlyList<FakeSite> PlatformShops => [.. SiteRenderers.Platforms.Select(renderer => _sites[renderer.Key])];

    /// <summary>The copies of the platform shops (<see cref="FakeSitesOptions.PlatformShopCopies"/>), watched like them.</summary>
    public IReadOnlyList<FakeSite> PlatformShopCopies => [.. _served.Values.Where(shop => shop.Key != shop.Renderer.Key).Select(shop => _sites[shop.Key])];

    /// <summary>"http://127.0.0.1:PORT/exchange/v4/latest/USD".</summary>
    public string ExchangeRateUrl => BaseUrl + "/exchange/v4/latest/USD";

    /// <summary>Starts Kestrel on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public static async Task<FakeSitesServer> StartAsync(int port = 0, FakeSitesOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeSitesOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        if (!options.HandleProcessSignals)
        {
            // A library server must not take over Ctrl+C or SIGTERM of the test host it runs in.
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        }

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        var server = new FakeSitesServer(app, options);
        server.MapRoutes();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        server.BaseUrl = "http://127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture);
        Log.Started(server._logger, server.BaseUrl);
        return server;
    }

    /// <exception cref="KeyNotFoundException">No fake site has that key.</exception>
    public FakeSite Site(string siteKey) =>
        _sites.TryGetValue(siteKey, out var site) ? site : throw new KeyNotFoundException($"No fake site '{siteKey}'. Known: {string.Join(", ", _served.Keys)}.");

    public SiteAddress AddressOf(string siteKey)
    {
        RendererOf(siteKey);
        return new SiteAddress(BaseUrl, "/" + siteKey);
    }

    public FakeSiteUrls UrlsFor(string siteKey)
    {
        var renderer = RendererOf(siteKey);
        var address = AddressOf(siteKey);
        return new FakeSiteUrls(
            siteKey,
            address.Absolute(renderer.ListingPath) + renderer.ListingQuery,
            address.Root,
            renderer.ProductsJsonPath is { } json ? address.Absolute(json) : null,
            BaseUrl + Discord.Webhook(siteKey).Path);
    }

    /// <summary>The absolute detail URL of <paramref name="listing"/>, as the listing page links it.</summary>
    public string DetailUrl(string siteKey, FakeListing listing) => AddressOf(siteKey).Absolute(RendererOf(siteKey).DetailPath(listing));

    /// <summary>
    /// Configuration that points the monitor at this server: <c>Sites:&lt;key&gt;:ListingUrl</c>, <c>…:BaseUrl</c>,
    /// <c>…:ProductsJsonUrl</c> (Watch Out), <c>…:WebhookUrl</c> and <c>EXCHANGE_RATE_API_URL</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> MonitorConfiguration()
    {
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in SiteRenderers.Keys)
        {
            var urls = UrlsFor(key);
            configuration[$"Sites:{key}:ListingUrl"] = urls.ListingUrl;
            configuration[$"Sites:{key}:BaseUrl"] = urls.BaseUrl;
            if (urls.ProductsJsonUrl is not null)
            {
                configuration[$"Sites:{key}:ProductsJsonUrl"] = urls.ProductsJsonUrl;
            }

            configuration[$"Sites:{key}:WebhookUrl"] = urls.WebhookUrl;
        }

        configuration["EXCHANGE_RATE_API_URL"] = ExchangeRateUrl;
        return configuration;
    }

    /// <summary>
    /// The settings that add the platform shop <paramref name="siteKey"/> to the monitor, as configuration keys
    /// (<c>Sites:&lt;key&gt;:Platform</c>, <c>Name</c>, <c>ListingUrl</c>, <c>BaseUrl</c>, <c>WebhookUrl</c> and its selectors);
    /// written with "__" instead of ":" they are the environment variables.
    /// </summary>
    public IReadOnlyDictionary<string, string?> PlatformConfiguration(string siteKey)
    {
        if (!_served.TryGetValue(siteKey, out var shop) || shop.Renderer is not PlatformShopRenderer renderer)
        {
            throw new KeyNotFoundException($"No platform shop '{siteKey}'. Known: {string.Join(", ", _served.Values.Where(p => p.Renderer is PlatformShopRenderer).Select(p => p.Key))}.");
        }

        var urls = UrlsFor(siteKey);
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"Sites:{siteKey}:Platform"] = renderer.Platform,
            [$"Sites:{siteKey}:Name"] = shop.Name,
            [$"Sites:{siteKey}:ListingUrl"] = urls.ListingUrl,
            [$"Sites:{siteKey}:BaseUrl"] = urls.BaseUrl,
            [$"Sites:{siteKey}:WebhookUrl"] = urls.WebhookUrl,
        };
        foreach (var (name, selector) in renderer.Selectors)
        {
            configuration[$"Sites:{siteKey}:Selectors:{name}"] = selector;
        }

        return configuration;
    }

    /// <summary>What <paramref name="siteKey"/>'s adapter should parse from the listing page for <paramref name="listing"/>; null = skipped.</summary>
    public ExpectedListing? ExpectListing(string siteKey, FakeListing listing) => RendererOf(siteKey).ExpectListing(listing, AddressOf(siteKey));

    /// <summary>Back to the start state: listings reseeded, faults cleared, Discord reset, rate 0.92, request log emptied.</summary>
    public void Reset()
    {
        var index = 0;
        foreach (var key in _served.Keys)
        {
            var site = _sites[key];
            site.Reset(_options.Seed + index++, _options.InitialListingsPerSite);
            site.PageSize = PageSizeOf(key);
        }

        Faults.Clear();
        Discord.Reset();
        Channels.Reset();
        ExchangeRate.Reset();
        Requests.Clear();
    }

    /// <summary>Completes when the host is asked to stop (the runnable's Ctrl+C).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private int PageSizeOf(string key) => key == "rueschenbeck" ? _options.RueschenbeckPageSize : FakeSite.MaxListings;

    private void MapRoutes()
    {
        foreach (var shop in _served.Values)
        {
            _app.MapMethods($"/{shop.Key}/{{**path}}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? path) => ServeSiteAsync(context, shop, path ?? ""));
        }

        _app.MapGet("/exchange/v4/latest/{currency}", (HttpContext context, string currency) =>
        {
            Requests.Record(ExchangeKey, FaultRoute.ExchangeRate, context.Request.Method, PathAndQuery(context));
            return _responder.RespondAsync(context, FaultRoute.ExchangeRate, null, jsonRoute: true, () => ExchangeRate.Handle(currency));
        });
        _app.MapMethods("/api/webhooks/{id}/{token}", [HttpMethods.Post, HttpMethods.Get], ServeWebhookAsync);
        _app.MapMethods("/api/webhooks/{id}/{token}/messages/{messageId}", [HttpMethods.Patch], ServeWebhookEditAsync);
        foreach (var service in (string[])[FakeChannels.Ntfy, FakeChannels.Telegram, FakeChannels.Slack, FakeChannels.Json])
        {
            _app.MapPost($"/{service}/{{**path}}", (HttpContext context) => ServeChannelAsync(context, service));
        }
        _app.MapGet("/", () => Results.Json(new { fakeSites = BaseUrl, configuration = MonitorConfiguration() }));
        ScenarioApi.Map(_app, this);
    }

    private async Task ServeSiteAsync(HttpContext context, ServedShop shop, string path)
    {
        if (_options.ResponseLatency > TimeSpan.Zero)
        {
            var wait = Task.Delay(_options.ResponseLatency, _options.TimeProvider, context.RequestAborted);
            Faults.RecordHold();
            await wait.ConfigureAwait(false);
        }

        await ServePageAsync(context, shop, path).ConfigureAwait(false);
    }

    private Task ServePageAsync(HttpContext context, ServedShop shop, string path)
    {
        var renderer = shop.Renderer;
        var site = _sites[shop.Key];
        var address = AddressOf(shop.Key);
        var (kind, id) = renderer.Classify(path);
        switch (kind)
        {
            case SitePageKind.Media:
                context.Response.ContentType = "image/gif";
                context.Response.ContentLength = Pixel.Length;
                return context.Response.Body.WriteAsync(Pixel, context.RequestAborted).AsTask();
            case SitePageKind.Listing:
                Requests.Record(shop.Key, FaultRoute.Listing, context.Request.Method, PathAndQuery(context));
                return _responder.RespondAsync(context, FaultRoute.Listing, shop.Key, jsonRoute: false, () =>
                    Page(renderer.RenderListing(site.Listings, address, QueryInt(context, "p", 1), site.PageSize)));
            case SitePageKind.ProductsJson:
                Requests.Record(shop.Key, FaultRoute.ProductsJson, context.Request.Method, PathAndQuery(context));
                return _responder.RespondAsync(context, FaultRoute.ProductsJson, shop.Key, jsonRoute: true, () =>
                    Page(renderer.RenderProductsJson(site.Listings, address, QueryInt(context, "limit", 30))!));
            case SitePageKind.Detail:
                Requests.Record(shop.Key, FaultRoute.Detail, context.Request.Method, PathAndQuery(context));
                return _responder.RespondAsync(context, FaultRoute.Detail, shop.Key, jsonRoute: false, () =>
                    site.Find(id) is { } listing && string.Equals(renderer.DetailPath(listing), path, StringComparison.OrdinalIgnoreCase)
                        ? Page(renderer.RenderDetail(listing, address))
                        : NotFound());
            default:
                return FaultResponder.WriteAsync(context, NotFound(), context.RequestAborted);
        }
    }

    private async Task ServeWebhookAsync(HttpContext context, string id, string token)
    {
        var webhook = Discord.AllWebhooks.FirstOrDefault(candidate => candidate.Id == id);
        Requests.Record(webhook?.SiteKey ?? "unknown", FaultRoute.Webhook, context.Request.Method, context.Request.Path);
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Query.ContainsKey(FaultResponder.HopQueryKey))
        {
            await FaultResponder.WriteAsync(context, webhook is null || webhook.Deleted
                ? FakeResponse.Json(404, """{"message": "Unknown Webhook", "code": 10015}""")
                : FakeResponse.Json(200, $$"""{"type": 1, "id": "{{id}}", "name": "Watch Monitor {{webhook.SiteKey}}", "channel_id": "1200000000000000000", "token": "{{webhook.Token}}"}"""), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Read the body before the fault decides, so a delayed or reset answer still consumed the upload.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var wait = string.Equals(context.Request.Query["wait"], "true", StringComparison.OrdinalIgnoreCase);
        await _responder.RespondAsync(context, FaultRoute.Webhook, webhook?.SiteKey, jsonRoute: true, () =>
            Discord.Handle(id, token, wait, body.GetBuffer().AsSpan(0, (int)body.Length))).ConfigureAwait(false);
    }

    private async Task ServeWebhookEditAsync(HttpContext context, string id, string token, string messageId)
    {
        var webhook = Discord.AllWebhooks.FirstOrDefault(candidate => candidate.Id == id);
        Requests.Record(webhook?.SiteKey ?? "unknown", FaultRoute.Webhook, context.Request.Method, context.Request.Path);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        await FaultResponder.WriteAsync(context, Discord.HandleEdit(id, token, messageId, body.GetBuffer().AsSpan(0, (int)body.Length)), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ServeChannelAsync(HttpContext context, string service)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var response = Channels.Handle(service, context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault(), body);
        await FaultResponder.WriteAsync(context, response, context.RequestAborted).ConfigureAwait(false);
    }

    private FakeResponse ForeignListingPage(string key)
    {
        var site = _sites[key];
        return Page(RendererOf(key).RenderListing(site.Listings, AddressOf(key), 1, site.PageSize));
    }

    private SiteRenderer RendererOf(string siteKey) =>
        _served.TryGetValue(siteKey, out var shop) ? shop.Renderer : throw new KeyNotFoundException($"No fake site '{siteKey}'. Known: {string.Join(", ", _served.Keys)}.");

    private static IEnumerable<ServedShop> ShopCopies(int count) =>
        Enumerable.Range(0, count).Select(index =>
        {
            var renderer = SiteRenderers.Platforms[index % SiteRenderers.Platforms.Count];
            var number = (index / SiteRenderers.Platforms.Count) + 2;
            return new ServedShop(
                renderer.Key + "_" + number.ToString(CultureInfo.InvariantCulture),
                renderer,
                renderer.Name + " " + number.ToString(CultureInfo.InvariantCulture));
        });

    private static FakeResponse Page(RenderedPage page) => new(200, page.Body, page.ContentType);

    private static FakeResponse NotFound() =>
        new(404, "<!DOCTYPE html><html><head><title>Seite nicht gefunden</title></head><body><h1>404</h1><p>Diese Seite gibt es nicht (mehr).</p></body></html>", RenderedPage.HtmlType);

    private static int QueryInt(HttpContext context, string name, int fallback) =>
        int.TryParse(context.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string PathAndQuery(HttpContext context) => context.Request.Path + context.Request.QueryString;

    /// <summary>A site the server serves under <paramref name="Key"/> with the markup of <paramref name="Renderer"/>.</summary>
    private sealed record ServedShop(string Key, SiteRenderer Renderer, string? Name);

    /// <summary>Starts and stops with the host but leaves process signals alone.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Fake dealer sites, Discord and exchange rate listening on {BaseUrl}")]
        public static partial void Started(ILogger logger, string baseUrl);
    }
}
