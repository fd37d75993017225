using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.Currency;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Http;

namespace WatchMonitor.EndToEndTests.Faults;

public sealed class FaultTests
{
    [Fact]
    public async Task Status_ForTwoRequests_ThenServesNormally()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var url = server.UrlsFor("worldoftime").ListingUrl;
        server.Faults.Add(FaultRoute.Listing, Fault.Status(503, times: 2), "worldoftime");

        using var first = await http.GetAsync(url);
        using var second = await http.GetAsync(url);
        using var third = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("1", first.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, server.Faults.InjectedCount);
        Assert.Empty(server.Faults.Snapshot());
    }

    [Fact]
    public async Task Status_Permanent_LastsUntilCleared_AndOnlyHitsItsSite()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        server.Faults.Add(FaultRoute.Detail, Fault.Status(500), "grimmeissen");
        var grimmeissen = server.DetailUrl("grimmeissen", server.Site("grimmeissen").Listings[0]);

        for (var i = 0; i < 5; i++)
        {
            using var failing = await http.GetAsync(grimmeissen);
            Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        }

        using var otherSite = await http.GetAsync(server.DetailUrl("worldoftime", server.Site("worldoftime").Listings[0]));
        using var otherRoute = await http.GetAsync(server.UrlsFor("grimmeissen").ListingUrl);
        server.Faults.Clear(FaultRoute.Detail, "grimmeissen");
        using var cleared = await http.GetAsync(grimmeissen);

        Assert.Equal(HttpStatusCode.OK, otherSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherRoute.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task Status_WithoutSite_HitsEverySite()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        server.Faults.Add(FaultRoute.Listing, Fault.Status(502));

        foreach (var site in server.Sites)
        {
            using var response = await http.GetAsync(server.UrlsFor(site.Key).ListingUrl);
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }
    }

    [Fact]
    public async Task Delay_OnFakeTime_HoldsTheAnswerUntilTimeAdvances()
    {
        var time = new FakeTimeProvider();
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { TimeProvider = time });
        using var http = new HttpClient();
        server.Faults.Add(FaultRoute.Listing, Fault.Delayed(TimeSpan.FromSeconds(30), times: 1), "tropicalwatch");

        var pending = http.GetAsync(server.UrlsFor("tropicalwatch").ListingUrl);
        await server.Faults.WaitForHoldsAsync(1);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.Faults.HoldCount);
    }

    [Fact]
    public async Task Delay_ClientGivesUpWhileHeld_RequestIsCancelled()
    {
        var time = new FakeTimeProvider();
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { TimeProvider = time });
        using var http = new HttpClient();
        using var giveUp = new CancellationTokenSource();
        server.Faults.Add(FaultRoute.Detail, Fault.Delayed(TimeSpan.FromSeconds(5), times: 1), "watch_out");

        var pending = http.GetAsync(server.DetailUrl("watch_out", server.Site("watch_out").Listings[0]), giveUp.Token);
        await server.Faults.WaitForHoldsAsync(1);
        await giveUp.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => pending);
    }

    [Fact]
    public async Task TruncatedBody_ProductsJson_IsNoLongerValidJson()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var url = server.UrlsFor("watch_out").ProductsJsonUrl!;
        var whole = await http.GetStringAsync(url);
        server.Faults.Add(FaultRoute.ProductsJson, Fault.Truncated(0.5, times: 1));

        var truncated = await http.GetStringAsync(url);

        Assert.InRange(Encoding.UTF8.GetByteCount(truncated), Encoding.UTF8.GetByteCount(whole) / 2 - 4, Encoding.UTF8.GetByteCount(whole) / 2);
        Assert.StartsWith(truncated[..100], whole, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(truncated).Dispose());
    }

    [Fact]
    public async Task OversizedBody_IsStreamedInFullWithoutContentLength()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        const long size = 50L * 1024 * 1024;
        server.Faults.Add(FaultRoute.Listing, Fault.Oversized(size, times: 1), "juwelier_exchange");

        using var response = await http.GetAsync(server.UrlsFor("juwelier_exchange").ListingUrl, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            total += read;
        }

        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal(size, total);
    }

    [Fact]
    public async Task OversizedBody_IsRefusedByThePageFetcherSizeCap()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var fetcher = new PageFetcher(http, new MonitorOptions { MaxResponseSizeMb = 1 });
        server.Faults.Add(FaultRoute.Listing, Fault.Oversized(30L * 1024 * 1024, times: 1), "rueschenbeck");
        server.Faults.Add(FaultRoute.Listing, Fault.Oversized(30L * 1024 * 1024, times: 1, declareLength: true), "rueschenbeck");
        var url = server.UrlsFor("rueschenbeck").ListingUrl;

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => fetcher.GetStringAsync(url, CancellationToken.None));
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => fetcher.GetStringAsync(url, CancellationToken.None));
        Assert.Contains("product-list-item", await fetcher.GetStringAsync(url, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongContentType_KeepsTheBodyUnderAnotherMediaType()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        server.Faults.Add(FaultRoute.ProductsJson, Fault.WrongContentType("text/html", times: 1), "watch_out");

        using var response = await http.GetAsync(server.UrlsFor("watch_out").ProductsJsonUrl);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{\"products\":[", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectLoop_NeverEnds_ThenTheNextRequestIsNormal()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var handler = new SocketsHttpHandler { MaxAutomaticRedirections = 5 };
        using var http = new HttpClient(handler);
        var url = server.UrlsFor("grimmeissen").ListingUrl;
        server.Faults.Add(FaultRoute.Listing, Fault.RedirectLoop(times: 1), "grimmeissen");

        using var looped = await http.GetAsync(url);
        using var after = await http.GetAsync(url);

        // The handler gives up after its redirect limit and hands back the last redirect.
        Assert.Equal(HttpStatusCode.Found, looped.StatusCode);
        Assert.EndsWith("?_hop=6", looped.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ConnectionReset_MidBody_FailsTheRead()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        server.Faults.Add(FaultRoute.Detail, Fault.ConnectionReset(times: 1), "tropicalwatch");
        var url = server.DetailUrl("tropicalwatch", server.Site("tropicalwatch").Listings[0]);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(url));
        Assert.Contains("watch-main-title", await http.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowDrip_DeliversTheWholeBodyInTimedPieces()
    {
        var time = new FakeTimeProvider();
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { TimeProvider = time });
        using var http = new HttpClient();
        var url = server.DetailUrl("juwelier_exchange", server.Site("juwelier_exchange").Listings[0]);
        var whole = await http.GetStringAsync(url);
        var pieces = (Encoding.UTF8.GetByteCount(whole) + 1023) / 1024;
        server.Faults.Add(FaultRoute.Detail, Fault.SlowDrip(TimeSpan.FromMilliseconds(20), chunkBytes: 1024, times: 1), "juwelier_exchange");

        var dripped = http.GetStringAsync(url);
        // Each pause waits for the clock: the body is complete only after the last of them.
        for (var pause = 1; pause < pieces; pause++)
        {
            await server.Faults.WaitForHoldsAsync(pause);
            Assert.False(dripped.IsCompleted, $"The body was complete before pause {pause} of {pieces - 1} ended.");
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(whole, await dripped);
        Assert.Equal(pieces - 1, server.Faults.HoldCount);
    }

    [Fact]
    public async Task Faults_AppliedInOrder_OneAfterAnother()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var url = server.UrlsFor("watch_out").ProductsJsonUrl;
        server.Faults.Add(FaultRoute.ProductsJson, Fault.Status(500, times: 1));
        server.Faults.Add(FaultRoute.ProductsJson, Fault.Status(429, times: 1));

        using var first = await http.GetAsync(url);
        using var second = await http.GetAsync(url);
        using var third = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task ExchangeRate_ServesTheSettableRate_AndTakesFaults()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        var initial = ExchangeRateProvider.ParseEurRate(await http.GetStringAsync(server.ExchangeRateUrl));
        server.ExchangeRate.EurRate = 0.8765m;
        var changed = ExchangeRateProvider.ParseEurRate(await http.GetStringAsync(server.ExchangeRateUrl));
        server.Faults.Add(FaultRoute.ExchangeRate, Fault.Status(500, times: 1));
        using var failed = await http.GetAsync(server.ExchangeRateUrl);
        server.Faults.Add(FaultRoute.ExchangeRate, Fault.Truncated(times: 1));
        var truncated = await http.GetStringAsync(server.ExchangeRateUrl);
        using var otherBase = await http.GetAsync(server.BaseUrl + "/exchange/v4/latest/EUR");

        Assert.Equal(0.92m, initial);
        Assert.Equal(0.8765m, changed);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Throws<FormatException>(() => ExchangeRateProvider.ParseEurRate(truncated));
        Assert.Equal(HttpStatusCode.NotFound, otherBase.StatusCode);
        Assert.Equal(3, server.ExchangeRate.Requests);
    }

    [Fact]
    public async Task HttpFaultApi_AddsListsAndClears()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var content = new StringContent("""{"route":"Listing","kind":"Status","site":"worldoftime","status":418,"times":2}""", Encoding.UTF8, "application/json");

        using var added = await http.PostAsync("/_scenario/faults", content);
        using var faulted = await http.GetAsync(server.UrlsFor("worldoftime").ListingUrl);
        var listed = await http.GetStringAsync("/_scenario/faults");
        using var cleared = await http.DeleteAsync("/_scenario/faults");
        using var normal = await http.GetAsync(server.UrlsFor("worldoftime").ListingUrl);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal((HttpStatusCode)418, faulted.StatusCode);
        Assert.Contains("\"remaining\":1", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
    }
}
