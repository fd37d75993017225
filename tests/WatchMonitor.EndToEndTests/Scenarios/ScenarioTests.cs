using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;
using WatchMonitor.EndToEndTests.Pages;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Rendering;

namespace WatchMonitor.EndToEndTests.Scenarios;

public sealed class ScenarioTests
{
    [Fact]
    public async Task Add_NewListing_AppearsFirstOnTheListingPage()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var site = server.Site("tropicalwatch");

        var added = site.Add(site.Listings[0] with { Brand = "Urwerk", Model = "UR-105", Reference = "UR-105 TA", Year = 2019, Price = 10_200m });
        var html = await http.GetStringAsync(server.UrlsFor("tropicalwatch").ListingUrl);

        Assert.Equal(13, site.Count);
        Assert.Equal(added, site.Listings[0]);
        Assert.Contains("<h2>2019 Urwerk UR-105 UR-105 TA</h2><h3>$10,200</h3>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Urwerk", StringComparison.Ordinal) < html.IndexOf(TropicalWatchRenderer.Title(site.Listings[1]), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemoveRepriceSold_ShowOnTheNextRequest()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var site = server.Site("grimmeissen");
        var (gone, repriced, sold) = (site.Listings[0], site.Listings[1], site.Listings[2]);

        Assert.True(site.Remove(gone.Id));
        site.Reprice(repriced.Id, 1_234_567m);
        site.MarkSold(sold.Id);
        var html = await http.GetStringAsync(server.UrlsFor("grimmeissen").ListingUrl);

        Assert.DoesNotContain(new Uri(server.DetailUrl("grimmeissen", gone)).AbsolutePath + "\"", html, StringComparison.Ordinal);
        Assert.Contains("<p>1.234.567 €</p>", html, StringComparison.Ordinal);
        Assert.Contains("<article class=\"watch sold\">", html, StringComparison.Ordinal);
        Assert.Contains("<p>Verkauft</p>", html, StringComparison.Ordinal);
        // A removed listing's detail page stays reachable for a while, as on the real shops.
        using var detail = await http.GetAsync(server.DetailUrl("grimmeissen", gone));
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
    }

    [Fact]
    public async Task Churn_SameSeed_GivesTheSameListingsOnTwoServers()
    {
        await using var one = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { Seed = 7 });
        await using var two = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { Seed = 7 });

        var a = one.Site("juwelier_exchange").Churn(5, seed: 99);
        var b = two.Site("juwelier_exchange").Churn(5, seed: 99);
        one.Site("juwelier_exchange").Churn(3);
        two.Site("juwelier_exchange").Churn(3);

        Assert.Equal(a.RemovedIds, b.RemovedIds);
        Assert.Equal(a.Added, b.Added);
        Assert.Equal(one.Site("juwelier_exchange").Listings, two.Site("juwelier_exchange").Listings);
        Assert.Equal(12, one.Site("juwelier_exchange").Count);
    }

    [Fact]
    public async Task Churn_TenThousandCycles_KeepsStateBounded()
    {
        await using var server = await FakeSitesServer.StartAsync();
        var site = server.Site("worldoftime");
        var first = site.Listings[^1];

        for (var cycle = 0; cycle < 10_000; cycle++)
        {
            site.Churn(2);
        }

        Assert.Equal(12, site.Count);
        Assert.Null(site.Find(first.Id));
        Assert.Equal(20_012, site.Listings.Max(listing => listing.Id));
    }

    [Fact]
    public async Task SetListingCount_GrowsAndShrinks_AndRefusesMoreThanTheCap()
    {
        await using var server = await FakeSitesServer.StartAsync();
        var site = server.Site("watch_out");

        site.SetListingCount(300);
        var grown = site.Count;
        site.SetListingCount(3);

        Assert.Equal(300, grown);
        Assert.Equal(3, site.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => site.SetListingCount(FakeSite.MaxListings + 1));
    }

    [Fact]
    public async Task Reset_RestoresTheSeededStart()
    {
        await using var server = await FakeSitesServer.StartAsync();
        var site = server.Site("rueschenbeck");
        var before = site.Listings;

        site.Churn(4);
        site.PageSize = 5;
        server.Discord.Webhook("rueschenbeck").Deleted = true;
        server.Reset();

        Assert.Equal(before, site.Listings);
        Assert.Equal(24, site.PageSize);
        Assert.False(server.Discord.Webhook("rueschenbeck").Deleted);
    }

    [Fact]
    public async Task HttpScenarioApi_DrivesListings()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var site = server.Site("worldoftime");

        using var created = await http.PostAsJsonAsync("/_scenario/sites/worldoftime/listings", new { brand = "Zenith", model = "Defy", reference = "A3642", price = 4321.5m, sold = false });
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = createdJson.RootElement.GetProperty("listing").GetProperty("id").GetInt32();
        using var repriced = await http.PostAsync($"/_scenario/sites/worldoftime/listings/{id}/price?value=5000", null);
        using var sold = await http.PostAsync($"/_scenario/sites/worldoftime/listings/{site.Listings[1].Id}/sold", null);
        using var churned = await http.PostAsync("/_scenario/sites/worldoftime/churn?count=2&seed=5", null);
        using var counted = await http.PostAsync("/_scenario/sites/worldoftime/count?value=20", null);
        using var unknown = await http.PostAsync("/_scenario/sites/nowhere/count?value=20", null);
        using var tooMany = await http.PostAsync("/_scenario/sites/worldoftime/count?value=20000", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Zenith", createdJson.RootElement.GetProperty("listing").GetProperty("brand").GetString());
        Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sold.StatusCode);
        Assert.Equal(HttpStatusCode.OK, churned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(20, site.Count);
        Assert.Equal(5000m, site.Find(id)?.Price);

        using var listings = JsonDocument.Parse(await http.GetStringAsync("/_scenario/sites/worldoftime/listings"));
        Assert.Equal(20, listings.RootElement.GetArrayLength());
        Assert.StartsWith(server.BaseUrl + "/worldoftime/Watches/Details/", listings.RootElement[0].GetProperty("detailUrl").GetString(), StringComparison.Ordinal);
        using var configuration = JsonDocument.Parse(await http.GetStringAsync("/_scenario/config"));
        Assert.Equal(server.ExchangeRateUrl, configuration.RootElement.GetProperty("EXCHANGE_RATE_API_URL").GetString());
    }

    [Fact]
    public async Task HttpScenarioApi_SetsExchangeRateAndResets()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        using var set = await http.PostAsync("/_scenario/exchange-rate?eur=0.85", null);
        var rate = await http.GetStringAsync("/exchange/v4/latest/USD");
        using var reset = await http.PostAsync("/_scenario/reset", null);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("\"EUR\":0.85", rate, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0.92m, server.ExchangeRate.EurRate);
    }

    [Fact]
    public async Task ConcurrentScenarioCallsAndRequests_DoNotCorruptState()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var site = server.Site("juwelier_exchange");
        var url = server.UrlsFor("juwelier_exchange").ListingUrl;

        var mutate = Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                site.Churn(3);
                site.Reprice(site.Listings[0].Id, i);
            }
        });
        var read = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var html = await http.GetStringAsync(url);
                Assert.Equal(12, SitePagesTests.CountOf(html, "card product-box box-standard"));
            }
        });
        await Task.WhenAll(mutate, read);

        Assert.Equal(12, site.Count);
        Assert.Equal(12, site.Listings.Select(listing => listing.Id).Distinct().Count());
    }
}
