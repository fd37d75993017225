using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Demo.Listings;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications.Delivery;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// Discord misbehaving the ways it does in the wild (issue 6, part 1): each case delivers every listing exactly once
/// and leaves the other webhooks alone. The deleted webhook and the refused payload without a clock are in
/// <c>Monitor/WebhookFailureTests</c>; the every-other-post and global 429s in <c>Monitor/RateLimitTests</c>.
/// </summary>
public sealed class WebhookFaultTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private static readonly TimeSpan CycleInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OutageCycleInterval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task RunOnce_ThirtyPercentOfPostsRateLimitedWithFractionalRetryAfter_DeliversEveryListingOnce()
    {
        var server = Harness.Server;
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        server.Discord.RateLimitFraction(0.3, seed: 6, retryAfterSeconds: 0.137);
        var added = Harness.Server.Sites.ToDictionary(site => site.Key, _ => new List<FakeListing>(), StringComparer.Ordinal);

        // Two rounds of 25 new watches per site: about 50 posts, so the 30 % shows.
        for (var round = 0; round < 2; round++)
        {
            foreach (var (key, listings) in AddEverywhere(25))
            {
                added[key].AddRange(listings);
            }

            var report = await monitor.RunCycleAsync();
            Assert.Equal(150, report.NewListings);
        }

        foreach (var (key, listings) in added)
        {
            AssertDeliveredOnce(key, listings);
        }

        var stats = server.Discord.Webhooks.Select(webhook => webhook.Stats).ToList();
        var limited = stats.Sum(stat => stat.RateLimited);
        Output.WriteLine($"posts {stats.Sum(stat => stat.Posts)}, rate limited {limited}, accepted {stats.Sum(stat => stat.Accepted)}");
        Assert.InRange(limited, 6, stats.Sum(stat => stat.Posts) / 2);
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Information, "Discord rate limit, waiting 0.14 s (global: False)"));
        Assert.Empty(Harness.OutboxEntries());
    }

    [Fact]
    public async Task RunOnce_BurstsOf5xx_RetriesWithBackoffAndDeliversEveryListingOnce()
    {
        var server = Harness.Server;
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor(services: MonitorHarness.UseClock(time));
        await monitor.RunCycleAsync();
        var added = AddEverywhere(12);
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(502, times: 3), "grimmeissen");
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(500, times: 1), "watch_out");
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(503, times: 2), "tropicalwatch");

        await monitor.RunCycleAsync();
        // The untouched webhooks deliver at once; the failing ones keep their messages queued.
        foreach (var key in new[] { "worldoftime", "rueschenbeck", "juwelier_exchange" })
        {
            Assert.Equal(12, server.Discord.Webhook(key).Embeds.Count);
        }

        Assert.Equal(36, Harness.OutboxEntries().Count);
        for (var cycle = 0; cycle < 6 && Harness.OutboxEntries().Count > 0; cycle++)
        {
            time.Advance(CycleInterval);
            await monitor.RunCycleAsync();
        }

        AssertDeliveredOnce(added);
        Assert.Empty(Harness.OutboxEntries());
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "grimmeissen: Discord delivery failed (status 502"));
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "Messages stay queued."));
        Assert.Equal(HealthStatus.Healthy, Health(monitor).Status);
    }

    [Fact]
    public async Task RunLoop_DiscordDownForAnHour_KeepsCyclingAndQueuingThenDeliversEverythingOnce()
    {
        var server = Harness.Server;
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor(
            [new("CHECK_INTERVAL_SECONDS", "600"), new("MAX_OUTBOX_ENTRIES", "10")],
            MonitorHarness.UseClock(time));
        await monitor.RunCycleAsync();
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(503));
        var added = Harness.Server.Sites.ToDictionary(site => site.Key, _ => new List<FakeListing>(), StringComparer.Ordinal);
        var outboxSizes = new List<int>();
        Harness.Logs.ExpectErrors("queue is full");

        // Six cycles, ten simulated minutes apart: one hour of 503s while dealers keep listing watches, more than each
        // webhook's queue may hold (10). What does not fit is not marked seen, so it is offered again once there is room.
        for (var cycle = 0; cycle < 6; cycle++)
        {
            foreach (var site in server.Sites)
            {
                added[site.Key].Add(site.Reprice(site.Add().Id, 600_000m + (cycle * 1_000m) + site.Listings.Count)!);
                added[site.Key].Add(site.Reprice(site.Add().Id, 700_000m + (cycle * 1_000m) + site.Listings.Count)!);
            }

            var report = await monitor.RunCycleAsync();
            Assert.Equal(0, report.Errors);
            outboxSizes.Add(Harness.OutboxEntries().Count);
            time.Advance(OutageCycleInterval);
        }

        var listed = added.Values.Sum(list => list.Count);
        var posts = server.Discord.Webhooks.Sum(webhook => server.Requests.Count(webhook.SiteKey, FaultRoute.Webhook));
        Output.WriteLine($"listed {listed}, outbox after each cycle: {string.Join(' ', outboxSizes)}, posts refused {posts}");
        Assert.Equal(72, listed);
        Assert.Equal(0, server.Discord.TotalAccepted);
        Assert.All(outboxSizes, size => Assert.InRange(size, 1, 60));
        Assert.Equal(60, outboxSizes[^1]);
        Assert.Equal(outboxSizes.Order(), outboxSizes);
        // Backoff, not hammering: each webhook's loop posts once per backoff, and the backoff doubles.
        Assert.All(server.Discord.Webhooks, webhook => Assert.InRange(server.Requests.Count(webhook.SiteKey, FaultRoute.Webhook), 1, 12));
        await monitor.DeliverAsync();
        var degraded = Health(monitor);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains(degraded.Reasons, reason => reason.StartsWith("outbox not draining: 60 message(s) waiting", StringComparison.Ordinal));
        Assert.Contains(degraded.Reasons, reason => reason.StartsWith("grimmeissen: delivery not draining: 10 message(s) waiting", StringComparison.Ordinal));
        Assert.Equal(DestinationState.Waiting, degraded.Destinations!["grimmeissen"].State);
        Assert.Contains("503", degraded.Destinations["grimmeissen"].LastError, StringComparison.Ordinal);
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "Discord delivery failed (status 503"));

        server.Faults.Clear(FaultRoute.Webhook);
        // The longest backoff is 30 min plus 20 % jitter; then the loops deliver the backlog, and the next cycle
        // queues what did not fit.
        time.Advance(TimeSpan.FromMinutes(37));
        await monitor.DeliverAsync();
        Assert.Empty(Harness.OutboxEntries());
        await monitor.RunCycleAsync();

        foreach (var (key, listings) in added)
        {
            AssertDeliveredOnce(key, listings);
        }

        Assert.Empty(Harness.OutboxEntries());
        time.Advance(CycleInterval);
        await monitor.RunCycleAsync();
        Assert.Equal(72, server.Discord.Webhooks.Sum(webhook => webhook.Embeds.Count));
        Assert.Equal(HealthStatus.Healthy, Health(monitor).Status);
    }

    [Fact]
    public async Task RunOnce_WebhookDeleted_StopsShowsInHealthAndProbesHourlyUntilItWorksAgain()
    {
        var server = Harness.Server;
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor(services: MonitorHarness.UseClock(time));
        await monitor.RunCycleAsync();
        var webhook = server.Discord.Webhook("rueschenbeck");
        webhook.Deleted = true;
        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");
        var queued = new List<FakeListing> { server.Site("rueschenbeck").Add() };
        var other = server.Site("tropicalwatch").Add();

        await monitor.RunCycleAsync();
        var health = Health(monitor);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("rueschenbeck: webhook stopped", health.Reasons);
        Assert.True(health.Sites["rueschenbeck"].WebhookStopped);
        var error = Assert.Single(Harness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Contains("answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("Set a valid RUESCHENBECK_WEBHOOK_URL and restart", error.Message, StringComparison.Ordinal);
        Assert.Contains("one message is tried every 60 min", error.Message, StringComparison.Ordinal);

        // Within the hour: no post at all, whatever is listed meanwhile.
        for (var cycle = 0; cycle < 5; cycle++)
        {
            time.Advance(CycleInterval);
            queued.Add(server.Site("rueschenbeck").Add());
            await monitor.RunCycleAsync();
        }

        // A stopped webhook refuses new messages at once: only the first stays queued (the probe), the listings
        // after it stay unseen and are offered again every cycle.
        Assert.Equal(1, webhook.Stats.NotFound);
        Assert.Single(Harness.OutboxEntries(), entry => entry.SiteKey == "rueschenbeck");
        Assert.Equal(5, Harness.Logs.Matching(LogLevel.Warning, "rueschenbeck: its destination ").Count);
        Assert.False(monitor.Destinations.IsAccepting("rueschenbeck"));
        Assert.Equal(DestinationState.Stopped, Health(monitor).Destinations!["rueschenbeck"].State);

        // After an hour one probe, still refused: a reminder, not a second error, and the message stays queued.
        time.Advance(DeliveryLoop.StoppedWebhookProbeInterval);
        await monitor.DeliverAsync();
        await monitor.RunCycleAsync();
        Assert.Equal(2, webhook.Stats.NotFound);
        Assert.Single(Harness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "rueschenbeck: the stopped Discord webhook still answers 404; 1 message(s) stay queued"));

        // Discord answers again (a glitch, or the operator restored the webhook): the next probe delivers, and the
        // listings offered meanwhile are queued and delivered by the next cycle.
        webhook.Deleted = false;
        time.Advance(DeliveryLoop.StoppedWebhookProbeInterval);
        await monitor.DeliverAsync();
        Assert.True(monitor.Destinations.IsAccepting("rueschenbeck"));
        await monitor.RunCycleAsync();

        AssertDeliveredOnce("rueschenbeck", queued);
        AssertDeliveredOnce("tropicalwatch", [other]);
        Assert.Empty(Harness.OutboxEntries());
        Assert.Single(Harness.Logs.Matching(LogLevel.Information, "rueschenbeck: the stopped Discord webhook accepts messages again"));
        Assert.False(Health(monitor).Sites["rueschenbeck"].WebhookStopped);
        Assert.Equal(HealthStatus.Healthy, Health(monitor).Status);
    }

    private static HealthSnapshot Health(MonitorInstance monitor) => monitor.Services.GetRequiredService<IHealthSource>().Current();

    // Prices above any generated one and unique per site, so no two added watches share a composite id.
    private Dictionary<string, IReadOnlyList<FakeListing>> AddEverywhere(int perSite) =>
        Harness.Server.Sites.ToDictionary(
            site => site.Key,
            site => (IReadOnlyList<FakeListing>)[.. Enumerable.Range(0, perSite).Select(_ => site.Add()).Select(listing => site.Reprice(listing.Id, 500_000m + (listing.Id * 50m))!)],
            StringComparer.Ordinal);

    private void AssertDeliveredOnce(Dictionary<string, IReadOnlyList<FakeListing>> added)
    {
        foreach (var (key, listings) in added)
        {
            AssertDeliveredOnce(key, listings);
        }
    }

    // Counted per listing URL: a lost alert shows as 0, a repeated one as 2.
    private void AssertDeliveredOnce(string key, IEnumerable<FakeListing> listings)
    {
        var server = Harness.Server;
        var counts = server.Discord.Webhook(key).Embeds.CountBy(embed => embed.Url ?? "").ToDictionary(StringComparer.Ordinal);
        var expected = listings.Select(listing => server.ExpectListing(key, listing)!.Url).ToList();
        Assert.All(expected, url => Assert.True(counts.GetValueOrDefault(url) == 1, $"{key}: {url} delivered {counts.GetValueOrDefault(url)} times"));
        Assert.Equal(expected.Count, counts.Values.Sum());
    }
}
