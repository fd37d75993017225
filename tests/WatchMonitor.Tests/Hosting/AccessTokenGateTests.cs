using System.Net;
using System.Net.Http.Headers;

namespace WatchMonitor.Tests.Hosting;

public sealed class AccessTokenGateTests
{
    private const string Token = "s3cret-token-for-the-gate-tests";

    [Fact]
    public async Task Get_NoToken_RefusesEverythingButHealth()
    {
        await using var server = await HealthTestServer.StartAsync(accessToken: Token);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var health = await client.GetAsync(new Uri(server.BaseAddress, "/health"));
        foreach (var path in new[] { "/metrics", "/memory", "/", "/api/sites", "/api/listings" })
        {
            using var refused = await client.GetAsync(new Uri(server.BaseAddress, path));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains("Authorization: Bearer", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("wrong-token-of-the-same-length!")]
    [InlineData("s3cret")]
    [InlineData("")]
    public async Task Get_WrongBearerOrQueryToken_Refused(string offered)
    {
        await using var server = await HealthTestServer.StartAsync(accessToken: Token);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/metrics?token=" + Uri.EscapeDataString(offered)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", offered + "x");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Get_BearerToken_Answers()
    {
        await using var server = await HealthTestServer.StartAsync(accessToken: Token);
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Get_QueryTokenOnce_SetsAStrictHttpOnlyCookieWithoutTheTokenAndRedirectsWithoutIt()
    {
        await using var server = await HealthTestServer.StartAsync(accessToken: Token);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var first = await client.GetAsync(new Uri(server.BaseAddress, "/metrics?site=grimmeissen&token=" + Token + "&q=rolex"));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("/metrics?site=grimmeissen&q=rolex", first.Headers.Location!.OriginalString);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("watchmon_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, cookie, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/metrics"));
        again.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var second = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/metrics"));
        forged.Headers.Add("Cookie", "watchmon_session=" + Token);
        using var third = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
    }

    [Fact]
    public async Task Get_NoTokenConfiguredOnLoopback_AnswersWithoutOne()
    {
        await using var server = await HealthTestServer.StartAsync();
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
