using System.Globalization;
using System.Net;
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

namespace WatchMonitor.Demo;

/// <summary>
/// The six built-in dealers with invented stock on one Kestrel at 127.0.0.1 (a free port): listing, detail and
/// products.json pages in each shop's own markup, so the real adapters parse them. Stock stays small and bounded:
/// each arrival beyond <see cref="MaxListingsPerDealer"/> pushes the oldest listing off the page.
/// </summary>
public sealed class DemoDealers : IAsyncDisposable
{
    public const int InitialListingsPerDealer = 5;

    public const int MaxListingsPerDealer = 8;

    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private readonly WebApplication _app;
    private readonly Dictionary<string, FakeSite> _sites;
    private readonly Lock _gate = new();
    private int _nextArrival;

    private DemoDealers(WebApplication app, int seed)
    {
        _app = app;
        _sites = DealerRenderers.All
            .Select((renderer, index) => new FakeSite(renderer.Key, seed + index, InitialListingsPerDealer, FakeSite.MaxListings))
            .ToDictionary(site => site.Key, StringComparer.Ordinal);
    }

    /// <summary>"http://127.0.0.1:PORT", no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<FakeSite> Sites => [.. DealerRenderers.All.Select(renderer => _sites[renderer.Key])];

    public static async Task<DemoDealers> StartAsync(int seed = 42, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(DemoDealers).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var dealers = new DemoDealers(app, seed);
        dealers.MapRoutes();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        dealers.BaseUrl = "http://127.0.0.1:" + new Uri(address).Port.ToString(CultureInfo.InvariantCulture);
        return dealers;
    }

    /// <summary>
    /// Settings that point the monitor at these dealers: <c>Sites:&lt;key&gt;:ListingUrl</c>, <c>…:BaseUrl</c> and
    /// Watch Out's <c>…:ProductsJsonUrl</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> MonitorConfiguration()
    {
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var renderer in DealerRenderers.All)
        {
            var address = AddressOf(renderer);
            configuration[$"Sites:{renderer.Key}:ListingUrl"] = address.Absolute(renderer.ListingPath) + renderer.ListingQuery;
            configuration[$"Sites:{renderer.Key}:BaseUrl"] = address.Root;
            if (renderer.ProductsJsonPath is { } json)
            {
                configuration[$"Sites:{renderer.Key}:ProductsJsonUrl"] = address.Absolute(json);
            }
        }

        return configuration;
    }

    /// <summary>A new watch at the top of the next dealer's page (the dealers take turns); the oldest beyond the cap leaves.</summary>
    public (string SiteKey, FakeListing Listing) AddArrival()
    {
        FakeSite site;
        lock (_gate)
        {
            site = _sites[DealerRenderers.All[_nextArrival].Key];
            _nextArrival = (_nextArrival + 1) % DealerRenderers.All.Count;
        }

        var listing = site.AddGenerated(1)[0];
        if (site.Count > MaxListingsPerDealer)
        {
            site.SetListingCount(MaxListingsPerDealer);
        }

        return (site.Key, listing);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private SiteAddress AddressOf(SiteRenderer renderer) => new(BaseUrl, "/" + renderer.Key);

    private void MapRoutes()
    {
        foreach (var renderer in DealerRenderers.All)
        {
            _app.MapMethods($"/{renderer.Key}/{{**path}}", [HttpMethods.Get, HttpMethods.Head], context =>
                ServeAsync(context, renderer, context.Request.RouteValues["path"] as string ?? ""));
        }
    }

    private Task ServeAsync(HttpContext context, SiteRenderer renderer, string path)
    {
        var site = _sites[renderer.Key];
        var address = AddressOf(renderer);
        var (kind, id) = renderer.Classify(path);
        return kind switch
        {
            SitePageKind.Media => WriteAsync(context, Pixel, "image/gif"),
            SitePageKind.Listing => WriteAsync(context, renderer.RenderListing(site.Listings, address, 1, FakeSite.MaxListings)),
            SitePageKind.ProductsJson => WriteAsync(context, renderer.RenderProductsJson(site.Listings, address, 250)),
            SitePageKind.Detail when site.Find(id) is { } listing && string.Equals(renderer.DetailPath(listing), path, StringComparison.OrdinalIgnoreCase) =>
                WriteAsync(context, renderer.RenderDetail(listing, address)),
            _ => NotFoundAsync(context),
        };
    }

    private static Task WriteAsync(HttpContext context, RenderedPage? page) =>
        page is null ? NotFoundAsync(context) : WriteAsync(context, System.Text.Encoding.UTF8.GetBytes(page.Body), page.ContentType);

    private static Task WriteAsync(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Starts and stops with its owner; Ctrl+C belongs to the command that runs the demo.</summary>
    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
