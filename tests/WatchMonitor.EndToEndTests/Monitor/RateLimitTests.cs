using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchMonitor.Demo.Listings;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Notifications;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>Discord's 429s are waited out: every alert arrives, none twice.</summary>
public sealed class RateLimitTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    [Fact]
    public async Task RunOnce_EveryOtherPostRateLimited_DeliversEveryListingExactlyOnce()
    {
        var server = Harness.Server;
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var added = AddEverywhere(15);
        server.Discord.RateLimitEveryNth(2);

        var report = await monitor.RunCycleAsync();

        Assert.Equal(90, report.NewListings);
        AssertDeliveredOnce(added);
        Assert.All(server.Discord.Webhooks, webhook => Assert.True(webhook.Stats.RateLimited >= 1, $"{webhook.SiteKey}: {webhook.Stats}"));
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Information, "Discord rate limit, waiting 0.35 s (global: False)"));
        Assert.Empty(Harness.OutboxEntries());
        Assert.Equal(90, monitor.Services.GetRequiredService<DeliveryCounters>().TotalSent);
    }

    [Fact]
    public async Task RunOnce_GlobalRateLimit_PausesEveryWebhookAndDeliversEveryListingOnce()
    {
        var server = Harness.Server;
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var added = AddEverywhere(3);
        server.Discord.GlobalRateLimit(times: 2, retryAfterSeconds: 0.35);

        await monitor.RunCycleAsync();

        AssertDeliveredOnce(added);
        Assert.Equal(2, server.Discord.Webhooks.Sum(webhook => webhook.Stats.RateLimited));
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Information, "(global: True)"));
        Assert.Empty(Harness.OutboxEntries());
    }

    // Prices above any generated one and unique per site: two watches alike in brand, model, reference and price
    // share one composite id and one alert (docs/ids.md), which would blur the count.
    private Dictionary<string, IReadOnlyList<FakeListing>> AddEverywhere(int perSite) =>
        Harness.Server.Sites.ToDictionary(
            site => site.Key,
            site => (IReadOnlyList<FakeListing>)[.. Enumerable.Range(0, perSite).Select(_ => site.Add()).Select(listing => site.Reprice(listing.Id, 500_000m + (listing.Id * 50m))!)],
            StringComparer.Ordinal);

    // Counted per listing URL, the composite id's visible face: a lost alert shows as 0, a repeated one as 2.
    private void AssertDeliveredOnce(Dictionary<string, IReadOnlyList<FakeListing>> added)
    {
        var server = Harness.Server;
        foreach (var (key, listings) in added)
        {
            var counts = server.Discord.Webhook(key).Embeds.CountBy(embed => embed.Url ?? "").ToDictionary(StringComparer.Ordinal);
            var expected = listings.Select(listing => server.ExpectListing(key, listing)!.Url).ToList();
            Assert.All(expected, url => Assert.True(counts.GetValueOrDefault(url) == 1, $"{key}: {url} delivered {counts.GetValueOrDefault(url)} times"));
            Assert.Equal(expected.Count, counts.Values.Sum());
        }
    }
}
