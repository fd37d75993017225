using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>A webhook URL carries its token: whoever reads a log line with it can post to the channel.</summary>
public sealed class SecretLoggingTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    // The held webhook waits on this clock, and so does the monitor's request timeout.
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    protected override FakeSitesOptions ServerOptions => new() { TimeProvider = _time };

    [Fact]
    public async Task RunOnce_EveryKindOfWebhookFailure_NeverLogsAWebhookToken()
    {
        var server = Harness.Server;
        await using (var cold = Harness.StartMonitor())
        {
            await cold.RunCycleAsync();
        }

        await using var monitor = Harness.StartMonitor([new("REQUEST_TIMEOUT", "60")], MonitorHarness.UseClock(_time));
        foreach (var site in server.Sites)
        {
            site.Add();
        }

        server.Discord.Webhook("worldoftime").Deleted = true;
        server.Discord.Webhook("grimmeissen").Unauthorized = true;
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(502), "tropicalwatch");
        server.Faults.Add(FaultRoute.Webhook, Fault.ConnectionReset(), "juwelier_exchange");
        server.Faults.Add(FaultRoute.Webhook, Fault.Delayed(TimeSpan.FromMinutes(10)), "watch_out");
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(400, body: """{"code": 50035, "message": "Invalid Form Body"}"""), "rueschenbeck");
        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");
        Harness.Logs.ExpectErrors("Discord refused the message");

        var cycle = monitor.RunCycleAsync();
        // Once the monitor has dealt with the five other answers and Watch Out's post is held, the advance can time
        // out only that one.
        await server.Faults.WaitForHoldsAsync(1);
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Error, "it was deleted or its token is wrong", 2);
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Error, "Discord refused the message");
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Warning, "tropicalwatch: Discord delivery failed (status 502");
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Warning, "Posting to Discord webhook ");
        _time.Advance(TimeSpan.FromSeconds(60));
        await cycle;

        // Each failure was logged, and each log line names the webhook only masked.
        Assert.Equal(2, Harness.Logs.Matching(LogLevel.Error, "it was deleted or its token is wrong").Count);
        Assert.Single(Harness.Logs.Matching(LogLevel.Error, "Discord refused the message"));
        // Each loop retries on its own clock while the others still wait for their answers, so a retry may be logged too.
        Assert.NotEmpty(Harness.Logs.Matching(LogLevel.Warning, "tropicalwatch: Discord delivery failed (status 502"));
        var network = Harness.Logs.Matching(LogLevel.Warning, "Posting to Discord webhook ");
        Assert.True(network.Count >= 2, $"{network.Count} network warnings");
        Assert.All(network, entry => Assert.Contains("/api/webhooks/1300…/***", entry.Message, StringComparison.Ordinal));
        AssertNoSecrets(Harness.Logs.Entries.Select(entry => entry.Text));
        AssertNoSecrets(Directory.GetFiles(Harness.StateDirectory, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
    }

    [Fact]
    public void Build_InvalidWebhookUrl_NamesTheSettingWithoutTheToken()
    {
        var token = Harness.Server.Discord.Webhook("rueschenbeck").Token;

        var exception = Assert.Throws<InvalidConfigurationException>(() =>
            Harness.StartMonitor([new("Sites:rueschenbeck:WebhookUrl", "htps:/127.0.0.1/api/webhooks/1300000000000000006/" + token)]));

        Assert.Contains("RUESCHENBECK_WEBHOOK_URL", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, exception.Message, StringComparison.Ordinal);
    }

    private void AssertNoSecrets(IEnumerable<string> texts)
    {
        var secrets = Harness.Secrets().ToList();
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A webhook secret ({secret[..12]}…) appears in: {text}");
            }
        }
    }
}
