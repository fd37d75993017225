using Microsoft.Extensions.Logging;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Faults;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>Discord answers that no retry can fix: a deleted webhook, and a payload it refuses.</summary>
public sealed class WebhookFailureTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string InvalidFormBody =
        """{"code": 50035, "errors": {"embeds": {"0": {"url": {"_errors": [{"code": "URL_TYPE_INVALID_URL", "message": "Not a well formed URL."}]}}}}, "message": "Invalid Form Body"}""";

    [Fact]
    public async Task RunOnce_WebhookDeleted_KeepsItsMessagesQueuedAndOtherSitesDeliver()
    {
        var server = Harness.Server;
        var first = Harness.StartMonitor();
        await first.RunCycleAsync();
        var lost = server.Site("worldoftime").Add();
        var other = server.Site("grimmeissen").Add();
        server.Discord.Webhook("worldoftime").Deleted = true;
        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");

        await first.RunCycleAsync();
        server.Site("worldoftime").Add();
        await first.RunCycleAsync();
        await first.DisposeAsync();

        Assert.Equal(server.ExpectListing("grimmeissen", other)!.Url, Assert.Single(server.Discord.Webhook("grimmeissen").Embeds).Url);
        // One refused post, then delivery to that webhook stops instead of hammering it every cycle, and its new
        // listings stay unseen instead of filling the outbox.
        Assert.Equal(1, server.Discord.Webhook("worldoftime").Stats.NotFound);
        Assert.Equal(1, Harness.OutboxEntries().Count(entry => entry.SiteKey == "worldoftime"));
        var error = Assert.Single(Harness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.StartsWith("worldoftime: Discord webhook ", error.Message, StringComparison.Ordinal);
        Assert.Contains("answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("Set a valid WORLDOFTIME_WEBHOOK_URL and restart", error.Message, StringComparison.Ordinal);

        // The operator fixes the webhook and restarts: the queued alert arrives, and the cycle queues the other.
        server.Discord.Webhook("worldoftime").Deleted = false;
        await using var second = Harness.StartMonitor();
        await second.RunCycleAsync();

        var embeds = server.Discord.Webhook("worldoftime").Embeds;
        Assert.Equal(2, embeds.Count);
        Assert.Contains(embeds, embed => embed.Url == server.ExpectListing("worldoftime", lost)!.Url);
        Assert.Empty(Harness.OutboxEntries());
    }

    [Fact]
    public async Task RunOnce_PayloadRefusedWith400_LogsDiscordsReasonAndDropsItWithoutRetrying()
    {
        var server = Harness.Server;
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        server.Site("grimmeissen").Add();
        server.Site("grimmeissen").Add();
        var fine = server.Site("watch_out").Add();
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(400, body: InvalidFormBody), "grimmeissen");
        Harness.Logs.ExpectErrors("Discord refused the message");

        await monitor.RunCycleAsync();
        var postsAfterRefusal = server.Requests.Count("grimmeissen", FaultRoute.Webhook);
        await monitor.RunCycleAsync();
        await monitor.RunCycleAsync();

        // The message of two embeds, then each embed alone to find the bad one; both refused, then nothing more.
        Assert.Equal(3, postsAfterRefusal);
        Assert.Equal(3, server.Requests.Count("grimmeissen", FaultRoute.Webhook));
        var errors = Harness.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.Contains("Invalid Form Body", error.Message, StringComparison.Ordinal));
        Assert.All(errors, error => Assert.Contains("URL_TYPE_INVALID_URL", error.Message, StringComparison.Ordinal));
        Assert.Empty(Harness.OutboxEntries());
        Assert.Equal(server.ExpectListing("watch_out", fine)!.Url, Assert.Single(server.Discord.Webhook("watch_out").Embeds).Url);
    }
}
