using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WatchMonitor.Demo.Listings;
using WatchMonitor.FakeSites.Faults;

namespace WatchMonitor.FakeSites.Scenario;

/// <summary>
/// The scenario and fault calls over HTTP, for driving a server started by hand (<c>dotnet run -- --port 5080</c>).
/// Same operations as the C# API; answers are JSON with enum names as strings.
/// </summary>
internal static class ScenarioApi
{
    public static void Map(IEndpointRouteBuilder app, FakeSitesServer server)
    {
        var scenario = app.MapGroup("/_scenario");
        scenario.MapGet("/config", () => Results.Json(server.MonitorConfiguration()));
        scenario.MapPost("/reset", () =>
        {
            server.Reset();
            return Results.NoContent();
        });
        scenario.MapGet("/requests", () => Results.Json(new
        {
            total = server.Requests.Total,
            counts = server.Sites.Select(site => site.Key).Append(FakeSitesServer.ExchangeKey)
                .ToDictionary(key => key, key => Enum.GetValues<FaultRoute>().ToDictionary(route => route.ToString(), route => server.Requests.Count(key, route))),
            recent = server.Requests.Recent,
        }));

        MapSites(scenario.MapGroup("/sites"), server);
        MapFaults(scenario.MapGroup("/faults"), server);
        MapDiscord(scenario.MapGroup("/discord"), server);
        scenario.MapGet("/exchange-rate", () => Results.Json(new { eur = server.ExchangeRate.EurRate, requests = server.ExchangeRate.Requests }));
        scenario.MapPost("/exchange-rate", (decimal eur) =>
        {
            server.ExchangeRate.EurRate = eur;
            return Results.Json(new { eur });
        });
    }

    private static void MapSites(RouteGroupBuilder sites, FakeSitesServer server)
    {
        sites.MapGet("/", () => Results.Json(server.Sites.Select(site => new
        {
            key = site.Key,
            count = site.Count,
            version = site.Version,
            pageSize = site.PageSize,
            urls = server.UrlsFor(site.Key),
        })));
        sites.MapGet("/{site}/listings", (string site) => WithSite(server, site, fake =>
            Results.Json(fake.Listings.Select(listing => new { listing, detailUrl = server.DetailUrl(site, listing) }))));
        sites.MapPost("/{site}/listings", (string site, ListingRequest? request) => WithSite(server, site, fake =>
        {
            var added = fake.Add();
            var listing = request is null ? added : fake.Update(added.Id, request.ApplyTo) ?? added;
            return Results.Json(new { listing, detailUrl = server.DetailUrl(site, listing) }, statusCode: StatusCodes.Status201Created);
        }));
        sites.MapDelete("/{site}/listings/{id:int}", (string site, int id) => WithSite(server, site, fake =>
            fake.Remove(id) ? Results.NoContent() : NoListing(site, id)));
        sites.MapPost("/{site}/listings/{id:int}/price", (string site, int id, decimal? value) => WithSite(server, site, fake =>
            fake.Reprice(id, value) is { } listing ? Results.Json(listing) : NoListing(site, id)));
        sites.MapPost("/{site}/listings/{id:int}/sold", (string site, int id, bool? value) => WithSite(server, site, fake =>
            fake.MarkSold(id, value ?? true) is { } listing ? Results.Json(listing) : NoListing(site, id)));
        sites.MapPost("/{site}/churn", (string site, int count, int? seed) => WithSite(server, site, fake =>
            Results.Json(fake.Churn(count, seed))));
        sites.MapPost("/{site}/count", (string site, int value) => WithSite(server, site, fake =>
        {
            fake.SetListingCount(value);
            return Results.Json(new { count = fake.Count });
        }));
        sites.MapPost("/{site}/page-size", (string site, int value) => WithSite(server, site, fake =>
        {
            fake.PageSize = value;
            return Results.Json(new { pageSize = fake.PageSize });
        }));
    }

    private static void MapFaults(RouteGroupBuilder faults, FakeSitesServer server)
    {
        faults.MapGet("/", () => Results.Json(server.Faults.Snapshot()));
        faults.MapPost("/", (FaultRequest request) => Guard(() =>
        {
            server.Faults.Add(request.Route, request.ToFault(), request.Site);
            return Results.Json(server.Faults.Snapshot(), statusCode: StatusCodes.Status201Created);
        }));
        faults.MapDelete("/", (FaultRoute? route, string? site) =>
        {
            if (route is { } only)
            {
                server.Faults.Clear(only, site);
            }
            else
            {
                server.Faults.Clear();
            }

            return Results.NoContent();
        });
    }

    private static void MapDiscord(RouteGroupBuilder discord, FakeSitesServer server)
    {
        discord.MapGet("/", () => Results.Json(server.Discord.Webhooks.Select(webhook => new
        {
            site = webhook.SiteKey,
            url = server.BaseUrl + webhook.Path,
            deleted = webhook.Deleted,
            unauthorized = webhook.Unauthorized,
            stats = webhook.Stats,
        })));
        discord.MapGet("/{site}/messages", (string site) => Guard(() => Results.Json(server.Discord.Webhook(site).Messages)));
        discord.MapDelete("/{site}/messages", (string site) => Guard(() =>
        {
            server.Discord.Webhook(site).Clear();
            return Results.NoContent();
        }));
        discord.MapPost("/{site}/deleted", (string site, bool? value) => Guard(() =>
        {
            server.Discord.Webhook(site).Deleted = value ?? true;
            return Results.NoContent();
        }));
        discord.MapPost("/{site}/unauthorized", (string site, bool? value) => Guard(() =>
        {
            server.Discord.Webhook(site).Unauthorized = value ?? true;
            return Results.NoContent();
        }));
        discord.MapPost("/rate-limit/every", (int n, double? retryAfter, string? site) => Guard(() =>
        {
            server.Discord.RateLimitEveryNth(n, retryAfter ?? 0.35, site);
            return Results.NoContent();
        }));
        discord.MapPost("/rate-limit/fraction", (double fraction, int seed, double? retryAfter, string? site) => Guard(() =>
        {
            server.Discord.RateLimitFraction(fraction, seed, retryAfter ?? 0.35, site);
            return Results.NoContent();
        }));
        discord.MapPost("/rate-limit/global", (int? times, double? retryAfter, bool? permanent) => Guard(() =>
        {
            server.Discord.GlobalRateLimit(permanent == true ? null : times ?? 1, retryAfter ?? 1.0);
            return Results.NoContent();
        }));
        discord.MapPost("/rate-limit/bucket", (int? limit, int? windowMs) => Guard(() =>
        {
            server.Discord.EnforceBucket(limit ?? 5, TimeSpan.FromMilliseconds(windowMs ?? 2000));
            return Results.NoContent();
        }));
        discord.MapPost("/server-errors", (int times, int? status, string? site) => Guard(() =>
        {
            server.Discord.ServerErrors(times, status ?? 500, site);
            return Results.NoContent();
        }));
        discord.MapDelete("/modes", () =>
        {
            server.Discord.ClearModes();
            return Results.NoContent();
        });
    }

    private static IResult WithSite(FakeSitesServer server, string site, Func<FakeSite, IResult> action) =>
        Guard(() => action(server.Site(site)));

    // Scenario mistakes (unknown site, out-of-range count) answer 4xx with the reason instead of a bare 500.
    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (KeyNotFoundException exception)
        {
            return Results.Json(new { error = exception.Message }, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return Results.Json(new { error = exception.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static IResult NoListing(string site, int id) =>
        Results.Json(new { error = $"Site {site} has no listing {id.ToString(CultureInfo.InvariantCulture)}." }, statusCode: StatusCodes.Status404NotFound);
}

/// <summary>Body of <c>POST /_scenario/sites/{site}/listings</c>: fields to set on a generated listing (all optional).</summary>
internal sealed record ListingRequest(
    string? Brand,
    string? Model,
    string? Reference,
    int? Year,
    decimal? Price,
    decimal? ListPrice,
    ConditionGrade? Condition,
    BoxPapers? BoxPapers,
    CaseMaterial? CaseMaterial,
    decimal? DiameterMm,
    bool? Sold)
{
    public FakeListing ApplyTo(FakeListing listing) => listing with
    {
        Brand = Brand ?? listing.Brand,
        Model = Model ?? listing.Model,
        Reference = Reference ?? listing.Reference,
        Year = Year ?? listing.Year,
        Price = Price ?? listing.Price,
        ListPrice = ListPrice ?? listing.ListPrice,
        Condition = Condition ?? listing.Condition,
        BoxPapers = BoxPapers ?? listing.BoxPapers,
        CaseMaterial = CaseMaterial ?? listing.CaseMaterial,
        DiameterMm = DiameterMm ?? listing.DiameterMm,
        Sold = Sold ?? listing.Sold,
    };
}

/// <summary>Body of <c>POST /_scenario/faults</c>; unset knobs take <see cref="Fault"/>'s defaults.</summary>
internal sealed record FaultRequest(
    FaultRoute Route,
    FaultKind Kind,
    string? Site,
    int? Times,
    int? Status,
    int? DelayMs,
    long? Bytes,
    int? ChunkBytes,
    double? Fraction,
    string? ContentType,
    bool? DeclareLength,
    string? Body,
    string? OtherSite = null,
    int? AgeSeconds = null)
{
    public Fault ToFault()
    {
        var defaults = new Fault { Kind = Kind };
        return defaults with
        {
            Times = Times,
            StatusCode = Status ?? defaults.StatusCode,
            Delay = DelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : defaults.Delay,
            Bytes = Bytes ?? defaults.Bytes,
            ChunkBytes = ChunkBytes ?? defaults.ChunkBytes,
            Fraction = Fraction ?? defaults.Fraction,
            ContentType = ContentType ?? defaults.ContentType,
            DeclareLength = DeclareLength ?? defaults.DeclareLength,
            Body = Body,
            OtherSite = OtherSite,
            Age = AgeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Age,
        };
    }
}
