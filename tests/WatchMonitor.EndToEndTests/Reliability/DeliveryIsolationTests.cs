using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Demo.Listings;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Delivery;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// Each webhook is its own destination with its own loop, bound and state (issue 10): a webhook that is gone, rate
/// limited for minutes, or silent holds back only itself, never a scan or another webhook, and a message that can
/// never be delivered is dead-lettered instead of blocking the rest.
/// </summary>
public sealed class DeliveryIsolationTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string Gone = "worldoftime";
    private static readonly TimeSpan CycleInterval = TimeSpan.FromMinutes(5);
    private static readonly string[] Others = ["grimmeissen", "tropicalwatch", "juwelier_exchange", "watch_out", "rueschenbeck"];

    [Fact]
    public async Task RunCycles_OneWebhookGoneWithItsBoundReached_OtherFiveAlertEveryNewListingFor20Cycles()
    {
        var server = Harness.Server;
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor([new("MAX_OUTBOX_ENTRIES", "10"), new("CHECK_INTERVAL_SECONDS", "300")], MonitorHarness.UseClock(time));
        await monitor.RunCycleAsync();
        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");
        Harness.Logs.ExpectErrors("worldoftime: a destination's queue is full");

        // The webhook fails while its dealer lists twelve watches: ten fill its share of the outbox, two are refused.
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(503), Gone);
        AddListings(Gone, 12);
        await monitor.RunCycleAsync();
        Assert.Equal(10, Harness.OutboxEntries().Count);
        // Then Discord says it is gone: delivery to it stops, and its ten messages stay queued.
        server.Faults.Clear(FaultRoute.Webhook);
        server.Discord.Webhook(Gone).Deleted = true;
        time.Advance(CycleInterval);
        await monitor.DeliverAsync();
        Assert.True(monitor.Destinations.Find(Gone)!.IsStopped);

        var added = Others.ToDictionary(key => key, _ => new List<FakeListing>(), StringComparer.Ordinal);
        for (var cycle = 0; cycle < 20; cycle++)
        {
            foreach (var key in Others)
            {
                added[key].AddRange(AddListings(key, 1 + (cycle % 2)));
            }

            AddListings(Gone, 1);
            var report = await monitor.RunCycleAsync();
            Assert.Equal(0, report.Errors);
            // Within the cycle: every other site's new listing is on its webhook.
            foreach (var (key, listings) in added)
            {
                AssertDeliveredOnce(key, listings);
            }

            time.Advance(CycleInterval);
        }

        Assert.Equal(10, Harness.OutboxEntries().Count);
        Assert.All(Harness.OutboxEntries(), entry => Assert.Equal(Gone, entry.SiteKey));
        Assert.Equal(0, server.Discord.Webhook(Gone).Stats.Accepted);
        var health = Health(monitor);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains($"{Gone}: webhook stopped", health.Reasons);
        Assert.DoesNotContain(health.Reasons, reason => Others.Any(key => reason.StartsWith(key, StringComparison.Ordinal)));
        var gone = health.Destinations![Gone];
        Assert.Equal(DestinationState.Stopped, gone.State);
        Assert.Equal(10, gone.Pending);
        Assert.Contains("WORLDOFTIME_WEBHOOK_URL", gone.LastError, StringComparison.Ordinal);
        Assert.All(Others, key => Assert.Equal(0, health.Destinations[key].Pending));
        Assert.All(Others, key => Assert.Equal(DestinationState.Idle, health.Destinations[key].State));
    }

    [Fact]
    public async Task RunCycles_OneWebhookRateLimitedFor600Seconds_ScansOnScheduleAndOthersDeliverWithinTheCycle()
    {
        var server = Harness.Server;
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor([new("CHECK_INTERVAL_SECONDS", "60")], MonitorHarness.UseClock(time));
        await monitor.RunCycleAsync();
        server.Discord.RateLimitEveryNth(1, retryAfterSeconds: 600, siteKey: "grimmeissen");
        var limited = new List<FakeListing>();
        var added = Others.Where(key => key != "grimmeissen").Append(Gone).ToDictionary(key => key, _ => new List<FakeListing>(), StringComparer.Ordinal);
        var start = time.GetUtcNow();

        // Five cycles a minute apart, all inside the 600 s: before, a cycle waited the 429 out and took ten minutes.
        for (var cycle = 0; cycle < 5; cycle++)
        {
            limited.AddRange(AddListings("grimmeissen", 1));
            foreach (var (key, listings) in added)
            {
                listings.AddRange(AddListings(key, 1));
            }

            var report = await monitor.RunCycleAsync();
            Assert.Equal(TimeSpan.Zero, report.Duration);
            Assert.Equal(0, report.Errors);
            foreach (var (key, listings) in added)
            {
                AssertDeliveredOnce(key, listings);
            }

            time.Advance(TimeSpan.FromMinutes(1));
        }

        // One post met the 429; the loop then waited instead of asking again every cycle.
        Assert.Equal(1, server.Discord.Webhook("grimmeissen").Stats.Posts);
        Assert.Equal(5, monitor.Runner.CyclesCompleted - 1);
        var waiting = Health(monitor).Destinations!["grimmeissen"];
        Assert.Equal(DestinationState.Waiting, waiting.State);
        Assert.Equal(5, waiting.Pending);
        Assert.Equal(start + TimeSpan.FromSeconds(600), waiting.NextAttemptAt);
        Assert.Single(Harness.Logs.Matching(LogLevel.Information, "grimmeissen: Discord rate limit, waiting 600.00 s (global: False)"));

        // The wait over and Discord willing again, the backlog goes out in one message.
        server.Discord.ClearModes();
        time.Advance(TimeSpan.FromMinutes(5));
        await monitor.DeliverAsync();
        AssertDeliveredOnce("grimmeissen", limited);
        Assert.Empty(Harness.OutboxEntries());
    }

    [Fact]
    public async Task RunCycle_OneWebhookNeverAnswers_TimesOutAndHoldsBackOnlyItself()
    {
        var server = Harness.Server;
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var monitor = Harness.StartMonitor([new("REQUEST_TIMEOUT", "60")], MonitorHarness.UseClock(time));
        await monitor.RunCycleAsync();
        // The fake Discord holds the post until the monitor gives up on it: no real time passes in this test.
        server.Faults.Add(FaultRoute.Webhook, Fault.Delayed(TimeSpan.FromDays(1), times: 1), "tropicalwatch");
        var silent = AddListings("tropicalwatch", 2);
        var added = Others.Where(key => key != "tropicalwatch").Append(Gone).ToDictionary(key => key, key => AddListings(key, 2), StringComparer.Ordinal);

        await monitor.ScanAsync();
        await monitor.DeliverAsync(added.Keys);
        foreach (var (key, listings) in added)
        {
            AssertDeliveredOnce(key, listings);
        }

        var before = Health(monitor).Destinations!["tropicalwatch"];
        Assert.Equal(DestinationState.Delivering, before.State);
        Assert.Equal(0, server.Discord.Webhook("tropicalwatch").Stats.Accepted);

        // REQUEST_TIMEOUT on the monitor's clock cuts the post off; the messages stay queued and are retried.
        time.Advance(TimeSpan.FromSeconds(61));
        await monitor.DeliverAsync();
        var after = Health(monitor).Destinations!["tropicalwatch"];
        Assert.Equal(DestinationState.Waiting, after.State);
        Assert.Contains("timed out after REQUEST_TIMEOUT (60 s)", after.LastError, StringComparison.Ordinal);
        Assert.Equal(2, after.Pending);
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "tropicalwatch: Discord delivery failed (status 0: The request timed out after REQUEST_TIMEOUT (60 s).)"));

        time.Advance(TimeSpan.FromSeconds(5));
        await monitor.DeliverAsync();
        AssertDeliveredOnce("tropicalwatch", silent);
        Assert.Empty(Harness.OutboxEntries());
    }

    [Fact]
    public async Task RunCycle_UnreadableEntryAndPermanent400_DeadLettersBothAndDeliversTheRest()
    {
        var server = Harness.Server;
        await using (var first = Harness.StartMonitor())
        {
            await first.RunCycleAsync();
        }

        var now = TimeProvider.System.GetUtcNow();
        var listingUrl = server.UrlsFor("watch_out").ListingUrl;
        WriteOutbox(now,
            ("good-1", """{"title":"Rolex Explorer 1","url":"URL/1"}""".Replace("URL", listingUrl, StringComparison.Ordinal)),
            ("unreadable", """{"title": "Omega Speedm"""),
            ("refused", JsonSerializer.Serialize(new Dictionary<string, string> { ["title"] = new string('x', 300), ["url"] = listingUrl + "/3" })),
            ("good-2", """{"title":"Rolex Explorer 2","url":"URL/2"}""".Replace("URL", listingUrl, StringComparison.Ordinal)));
        Harness.Logs.ExpectErrors("cannot be read as a Discord embed");
        Harness.Logs.ExpectErrors("Discord refused the message for listing refused");
        await using var monitor = Harness.StartMonitor();

        await monitor.RunCycleAsync();

        var titles = server.Discord.Webhook("watch_out").Embeds.Select(embed => embed.Title).ToList();
        Assert.Equal(["Rolex Explorer 1", "Rolex Explorer 2"], titles);
        Assert.Empty(Harness.OutboxEntries());
        var destination = Health(monitor).Destinations!["watch_out"];
        Assert.Equal(2, destination.DeadLetters);
        Assert.Equal(0, destination.Pending);
        Assert.Equal((0, 2), monitor.Services.GetRequiredService<DeliveryCounters>().AttemptsForSite("watch_out"));
        Assert.Single(Harness.Logs.Matching(LogLevel.Error, "watch_out: queued message"));
        var refused = Assert.Single(Harness.Logs.Matching(LogLevel.Error, "Discord refused the message for listing refused"));
        Assert.Contains("BASE_TYPE_MAX_LENGTH", refused.Message, StringComparison.Ordinal);

        // Neither is tried again.
        var posts = server.Requests.Count("watch_out", FaultRoute.Webhook);
        await monitor.RunCycleAsync();
        Assert.Equal(posts, server.Requests.Count("watch_out", FaultRoute.Webhook));
    }

    // Rows as the scanner queues them, written straight into the database as another process would.
    private void WriteOutbox(DateTimeOffset now, params (string CompositeId, string Embed)[] entries)
    {
        var sql = new StringBuilder();
        foreach (var (compositeId, embed) in entries)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO outbox (destination, site, composite_id, kind, dedup_key, payload, enqueued_at, attempts, next_attempt_at)
                VALUES ('watch_out', 'watch_out', '{compositeId}', 'NewListing', 'NewListing:{compositeId}', '{embed.Replace("'", "''", StringComparison.Ordinal)}', {now.UtcTicks}, 0, {now.UtcTicks});

                """);
        }

        Harness.ExecuteSql(sql.ToString());
    }

    private static HealthSnapshot Health(MonitorInstance monitor) => monitor.Services.GetRequiredService<IHealthSource>().Current();

    // Prices above any generated one and unique per site, so no two added watches share a composite id.
    private List<FakeListing> AddListings(string key, int count)
    {
        var site = Harness.Server.Site(key);
        return [.. Enumerable.Range(0, count).Select(_ => site.Add()).Select(listing => site.Reprice(listing.Id, 500_000m + (listing.Id * 50m))!)];
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
