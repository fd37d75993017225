using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Http;
using Clients = WatchMonitor.Http.HttpServiceCollectionExtensions;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>Issue 6: no outbound request goes anywhere but the configured sites, exchange-rate API and webhooks.</summary>
public sealed class OutboundHostsTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    [Fact]
    public async Task Cycle_WithDetailsConversionAndDeliveries_RequestsOnlyTheConfiguredHost()
    {
        var server = Harness.Server;
        var recorder = new RequestRecorder();
        await using (var cold = Harness.StartMonitor(services: recorder.Install))
        {
            await cold.RunCycleAsync();
        }

        var added = server.Sites.Select(site => server.DetailUrl(site.Key, site.Add())).ToList();

        await using var monitor = Harness.StartMonitor(services: recorder.Install);
        var report = await monitor.RunCycleAsync();

        var requests = recorder.Requests;
        var configured = new Uri(server.ExchangeRateUrl);
        Assert.Equal(["127.0.0.1"], monitor.Services.GetRequiredService<OutboundHostPolicy>().Hosts);
        Assert.All(requests, request => Assert.Equal(configured.Authority, request.Uri.Authority));
        Assert.All(requests, request => Assert.Equal(Uri.UriSchemeHttp, request.Uri.Scheme));

        // The cycle did everything that sends requests: listings, details, the rate, one post per site.
        Assert.Equal(6, report.NewListings);
        Assert.Contains(requests, request => request.Uri.AbsolutePath == configured.AbsolutePath);
        Assert.Equal(6, requests.Count(request => request.Client == Clients.DiscordClient && request.Method == HttpMethod.Post));
        Assert.All(added, detail => Assert.Contains(requests, request => request.Uri.AbsoluteUri == detail));
        Assert.All(requests.Where(request => request.Client == Clients.DealerClient), request => Assert.Equal(HttpMethod.Get, request.Method));

        // Pictures are URLs in the embeds for Discord to fetch; the monitor never downloads one.
        Assert.DoesNotContain(requests, request => request.Uri.AbsolutePath.Contains("/media/", StringComparison.Ordinal)
            || request.Uri.AbsolutePath.Contains("/cdn/", StringComparison.Ordinal));
        Output.WriteLine($"{requests.Count} requests, all to {configured.Authority}");
    }

    [Fact]
    public async Task Cycle_DealerRedirectLoop_FollowedFiveTimesThenTheSiteFails()
    {
        var server = Harness.Server;
        var recorder = new RequestRecorder();
        await using var monitor = Harness.StartMonitor(services: recorder.Install);
        server.Faults.Add(FaultRoute.Listing, Fault.RedirectLoop(times: 1), "grimmeissen");

        var report = await monitor.RunCycleAsync();

        // The redirects went through OutboundRequestHandler (the socket handler follows none): each one was checked.
        var listing = server.UrlsFor("grimmeissen").ListingUrl;
        var hops = recorder.Requests.Where(request => request.Uri.AbsoluteUri.StartsWith(listing, StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + Clients.MaxRedirects, hops.Count);
        var failed = Assert.Single(report.Sites, site => site.SiteKey == "grimmeissen");
        Assert.True(failed.Failed);
        Assert.Contains("302", failed.Error, StringComparison.Ordinal);
        Assert.Equal(5, report.Sites.Count(site => !site.Failed));
    }
}
