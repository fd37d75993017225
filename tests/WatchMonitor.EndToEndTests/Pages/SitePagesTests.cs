using System.Net;
using System.Text.Json;
using WatchMonitor.Demo.Rendering;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.FakeSites.Rendering;

namespace WatchMonitor.EndToEndTests.Pages;

public sealed class SitePagesTests
{
    public static TheoryData<string> SiteKeys => new(SiteRenderers.Keys);

    [Theory]
    [MemberData(nameof(SiteKeys))]
    public async Task ListingPage_EverySite_ServesHtmlLinkingEveryListing(string siteKey)
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(server.UrlsFor(siteKey).ListingUrl);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(12, server.Site(siteKey).Count);
        foreach (var listing in server.Site(siteKey).Listings)
        {
            Assert.Contains(new Uri(server.DetailUrl(siteKey, listing)).AbsolutePath, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SiteKeys))]
    public async Task DetailPage_EveryListing_Answers200AndUnknownIdAnswers404(string siteKey)
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        foreach (var listing in server.Site(siteKey).Listings)
        {
            using var response = await http.GetAsync(server.DetailUrl(siteKey, listing));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(WebUtility.HtmlEncode(listing.Model), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var unknown = server.Site(siteKey).Listings[0] with { Id = 999_999 };
        using var missing = await http.GetAsync(server.DetailUrl(siteKey, unknown));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ProductsJson_WatchOut_ServesShopifyProductsHonouringLimit()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var url = server.UrlsFor("watch_out").ProductsJsonUrl!;

        using var document = JsonDocument.Parse(await http.GetStringAsync(url));
        using var limited = JsonDocument.Parse(await http.GetStringAsync(url.Replace("limit=250", "limit=5", StringComparison.Ordinal)));

        var products = document.RootElement.GetProperty("products");
        Assert.Equal(12, products.GetArrayLength());
        Assert.Equal(5, limited.RootElement.GetProperty("products").GetArrayLength());
        var newest = server.Site("watch_out").Listings[0];
        var first = products[0];
        Assert.Equal(WatchOutRenderer.Handle(newest), first.GetProperty("handle").GetString());
        Assert.Equal(newest.Brand, first.GetProperty("vendor").GetString());
        Assert.Equal(newest.Reference, first.GetProperty("variants")[0].GetProperty("sku").GetString());
        Assert.Equal(PriceFormats.Plain(newest.Price!.Value), first.GetProperty("variants")[0].GetProperty("price").GetString());
        Assert.StartsWith(server.BaseUrl, first.GetProperty("images")[0].GetProperty("src").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectionHtml_WatchOut_CarriesProductCardsAndAnalyticsMeta()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        var html = await http.GetStringAsync(server.UrlsFor("watch_out").ListingUrl);

        Assert.Equal(12, CountOf(html, "<product-card "));
        Assert.Contains("window.ShopifyAnalytics.meta", html, StringComparison.Ordinal);
        Assert.Contains("var meta = {\"products\":[", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingPage_Rueschenbeck_PaginatesWithPQueryAndShopwarePagination()
    {
        await using var server = await FakeSitesServer.StartAsync();
        var site = server.Site("rueschenbeck");
        site.SetListingCount(60);
        using var http = new HttpClient();
        var listingUrl = server.UrlsFor("rueschenbeck").ListingUrl;

        var first = await http.GetStringAsync(listingUrl);
        var third = await http.GetStringAsync(listingUrl + "?p=3");
        var beyond = await http.GetStringAsync(listingUrl + "?p=4");

        Assert.Equal(24, CountOf(first, "product-list-item card product-box"));
        Assert.Equal(12, CountOf(third, "product-list-item card product-box"));
        Assert.Equal(0, CountOf(beyond, "product-list-item card product-box"));
        Assert.Contains("<ul class=\"pagination\">", first, StringComparison.Ordinal);
        Assert.Contains("?p=3\" class=\"page-link\" data-page=\"3\"", first, StringComparison.Ordinal);
        Assert.Contains(new Uri(server.DetailUrl("rueschenbeck", site.Listings[^1])).AbsolutePath, third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorConfiguration_PointsEverySiteAtTheServer()
    {
        await using var server = await FakeSitesServer.StartAsync();

        var configuration = server.MonitorConfiguration();

        foreach (var key in SiteRenderers.Keys)
        {
            Assert.StartsWith(server.BaseUrl + "/" + key + "/", configuration[$"Sites:{key}:ListingUrl"], StringComparison.Ordinal);
            Assert.Equal(server.BaseUrl + "/" + key, configuration[$"Sites:{key}:BaseUrl"]);
            Assert.StartsWith(server.BaseUrl + "/api/webhooks/", configuration[$"Sites:{key}:WebhookUrl"], StringComparison.Ordinal);
        }

        Assert.Equal(server.UrlsFor("watch_out").ProductsJsonUrl, configuration["Sites:watch_out:ProductsJsonUrl"]);
        Assert.Equal(server.BaseUrl + "/exchange/v4/latest/USD", configuration["EXCHANGE_RATE_API_URL"]);
        Assert.Equal(6 * 3 + 2, configuration.Count);
    }

    [Fact]
    public async Task Requests_AreCountedPerSiteAndRoute()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var listing = server.Site("grimmeissen").Listings[0];

        await http.GetStringAsync(server.UrlsFor("grimmeissen").ListingUrl);
        await http.GetStringAsync(server.DetailUrl("grimmeissen", listing));
        await http.GetStringAsync(server.DetailUrl("grimmeissen", listing));
        await http.GetStringAsync(server.ExchangeRateUrl);

        Assert.Equal(1, server.Requests.Count("grimmeissen", FaultRoute.Listing));
        Assert.Equal(2, server.Requests.Count("grimmeissen", FaultRoute.Detail));
        Assert.Equal(1, server.Requests.Count(FakeSitesServer.ExchangeKey, FaultRoute.ExchangeRate));
        Assert.Equal(4, server.Requests.Recent.Count);
    }

    [Fact]
    public async Task Pages_SameSeed_AreByteIdenticalAcrossServers()
    {
        await using var one = await FakeSitesServer.StartAsync();
        await using var two = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        foreach (var key in SiteRenderers.Keys)
        {
            var a = await http.GetStringAsync(one.UrlsFor(key).ListingUrl);
            var b = await http.GetStringAsync(two.UrlsFor(key).ListingUrl);
            Assert.Equal(a.Replace(one.BaseUrl, "", StringComparison.Ordinal), b.Replace(two.BaseUrl, "", StringComparison.Ordinal));
        }
    }

    internal static int CountOf(string text, string needle)
    {
        var count = 0;
        for (var index = text.IndexOf(needle, StringComparison.Ordinal); index >= 0; index = text.IndexOf(needle, index + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
