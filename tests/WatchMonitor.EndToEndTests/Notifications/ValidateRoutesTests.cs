using WatchMonitor.EndToEndTests.Reliability;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Channels;
using WatchMonitor.Sites;

namespace WatchMonitor.EndToEndTests.Notifications;

/// <summary><c>watchmon validate</c> asking every route destination, as a user runs it: nothing is posted, output masked.</summary>
public sealed class ValidateRoutesTests : IAsyncLifetime
{
    private FakeSitesServer _server = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _server = await FakeSitesServer.StartAsync(port: 0);
        _directory = Directory.CreateTempSubdirectory("watchmon-validate-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Validate_RouteToEveryChannel_AsksDiscordAndTelegramPostsNothingAndPrintsMasked()
    {
        var result = await WatchmonProcess.RunAsync(_directory, Environment(), "validate");

        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.Output.Split('\n').Where(line => line.StartsWith("route all", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Contains(lines, line => line.Contains("/api/webhooks/***", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" ok", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("tgram://***/***", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" ok", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(line => line.TrimEnd().EndsWith("not probed (would post)", StringComparison.Ordinal)));
        Assert.Equal("getMe", Assert.Single(_server.Channels.All).Path.Split('/')[^1]);
        Assert.Equal(0, _server.Discord.Webhook("worldoftime").Stats.Accepted);
        Assert.Empty(_server.Discord.Webhook("grimmeissen").Embeds);
        AssertNoSecrets(result);
    }

    [Fact]
    public async Task Validate_DeletedRouteWebhookAndRejectedBotToken_ExitsOneNamingTheFix()
    {
        _server.Discord.Webhook("worldoftime").Deleted = true;
        var environment = Environment();
        environment["Notifications__Routes__all__To"] = _server.UrlsFor("worldoftime").WebhookUrl + ","
            + _server.ChannelUrls.Telegram.Replace(FakeChannels.TelegramToken, "123456789:RevokedTelegramToken-abcdefghijklmnopq", StringComparison.Ordinal);

        var result = await WatchmonProcess.RunAsync(_directory, environment, "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("webhook not found (deleted?)", result.Output, StringComparison.Ordinal);
        Assert.Contains("bot token rejected", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RevokedTelegramToken", result.All, StringComparison.Ordinal);
        AssertNoSecrets(result);
    }

    private void AssertNoSecrets(WatchmonResult result)
    {
        var secrets = _server.Discord.Webhooks.Select(webhook => webhook.Token)
            .Concat([FakeChannels.TelegramToken, "FakeSlackSecret0123456789", "wm-topic-secret-7f3a", "events-secret-9c1d"]);
        Assert.DoesNotContain(secrets, secret => result.All.Contains(secret, StringComparison.Ordinal));
    }

    private Dictionary<string, string?> Environment()
    {
        var urls = _server.ChannelUrls;
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SKIP_SITES"] = string.Join(',', SiteCatalog.All.Select(site => site.Key).Where(key => key != "grimmeissen")),
            ["HEALTH_ENABLED"] = "false",
            ["STATE_DATABASE"] = Path.Combine(_directory, "watchmon.db"),
            ["Notifications__TelegramApiUrl"] = urls.TelegramApiUrl,
            ["Notifications__Routes__all__To"] = string.Join(',', _server.UrlsFor("worldoftime").WebhookUrl, urls.Telegram, urls.Ntfy, urls.Slack, urls.Json),
        };
        foreach (var (key, value) in _server.MonitorConfiguration())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }
}
