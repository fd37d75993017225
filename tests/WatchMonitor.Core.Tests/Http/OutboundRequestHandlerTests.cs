using System.Net;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Http;
using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Http;

public sealed class OutboundRequestHandlerTests
{
    private static readonly OutboundHostPolicy Policy = new(["https://www.dealer.example/new", "https://discord.com/api/webhooks/1/secret-token"]);

    [Theory]
    [InlineData("https://www.dealer.example/watch-1", true)]
    [InlineData("https://dealer.example/watch-1", true)]          // the www. twin
    [InlineData("http://www.dealer.example/watch-1", true)]
    [InlineData("https://DISCORD.com/api/webhooks/2/other", true)]
    [InlineData("https://evil.example/watch-1", false)]
    [InlineData("https://dealer.example.evil.example/", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("ftp://www.dealer.example/file", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Allows_ConfiguredHostsOnly(string url, bool allowed) =>
        Assert.Equal(allowed, Policy.Allows(new Uri(url)));

    [Fact]
    public void From_Settings_CoversSitesExchangeRateAndWebhooks()
    {
        var sites = SiteCatalog.All
            .Select(site => new MonitoredSite(site, new SiteEndpoints(site.DefaultListingUrl, site.DefaultBaseUrl, site.DefaultProductsJsonUrl),
                site.Key == "grimmeissen" ? "https://discord.com/api/webhooks/1/t" : null, Enabled: true))
            .ToList();

        var policy = OutboundHostPolicy.From(new MonitorOptions(), sites);

        Assert.Equal(
            ["api.exchangerate-api.com", "discord.com", "grimmeissen.de", "juwelier-exchange.de", "rueschenbeck.de", "tropicalwatch.com", "watch-out.shop", "worldoftime.de"],
            policy.Hosts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAsync_UnconfiguredHost_RefusesWithoutSendingAndLogsTheHostOnly()
    {
        var (client, inner, logger) = Create(_ => new HttpResponseMessage(HttpStatusCode.OK));

        var exception = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(new Uri("https://evil.example/a/secret-path")));

        Assert.Empty(inner.Requests);
        Assert.Contains("https://evil.example", exception.Message, StringComparison.Ordinal);
        var warning = Assert.Single(logger.AtLevel(LogLevel.Warning));
        Assert.Contains("https://evil.example", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", warning.Message + exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RedirectWithinTheSite_IsFollowedWithTheSameHeaders()
    {
        var (client, inner, _) = Create(request => request.RequestUri!.AbsolutePath == "/old"
            ? Redirect(HttpStatusCode.MovedPermanently, "/new")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("page") });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Test/1.0");

        using var response = await client.GetAsync(new Uri("https://www.dealer.example/old"));

        Assert.Equal("page", await response.Content.ReadAsStringAsync());
        Assert.Equal(["https://www.dealer.example/old", "https://www.dealer.example/new"], inner.Requests.Select(request => request.Uri));
        Assert.All(inner.Requests, request => Assert.Equal("Test/1.0", request.UserAgent));
    }

    [Theory]
    [InlineData("https://evil.example/landing")]
    [InlineData("http://127.0.0.1:8765/health")]
    [InlineData("http://www.dealer.example/downgraded")]
    public async Task SendAsync_RedirectOffTheConfiguredHostsOrToHttp_IsRefusedAndLogged(string location)
    {
        var (client, inner, logger) = Create(_ => Redirect(HttpStatusCode.Found, location));

        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(new Uri("https://www.dealer.example/new")));

        Assert.Single(inner.Requests);
        var warning = Assert.Single(logger.AtLevel(LogLevel.Warning));
        Assert.Contains("redirected to " + new Uri(location).GetLeftPart(UriPartial.Authority), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RedirectLoop_StopsAfterTheLimitAndHandsBackTheLastRedirect()
    {
        var (client, inner, _) = Create(request => Redirect(HttpStatusCode.Found, request.RequestUri + "x"));

        using var response = await client.GetAsync(new Uri("https://www.dealer.example/loop"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(6, inner.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_PostRedirect_IsHandedBackNotFollowed()
    {
        var (client, inner, _) = Create(_ => Redirect(HttpStatusCode.TemporaryRedirect, "https://discord.com/elsewhere"));

        using var response = await client.PostAsync(new Uri("https://discord.com/api/webhooks/1/secret-token"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Single(inner.Requests);
    }

    private static HttpResponseMessage Redirect(HttpStatusCode status, string location) =>
        new(status) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static (HttpClient Client, RecordingHandler Inner, RecordingLogger<OutboundRequestHandler> Logger) Create(
        Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var inner = new RecordingHandler(answer);
        var logger = new RecordingLogger<OutboundRequestHandler>();
        var handler = new OutboundRequestHandler(Policy, logger, HttpServiceCollectionExtensions.MaxRedirects) { InnerHandler = inner };
        return (new HttpClient(handler), inner, logger);
    }

    private sealed class RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(string Uri, string UserAgent)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.ToString(), request.Headers.UserAgent.ToString()));
            return Task.FromResult(answer(request));
        }
    }
}
