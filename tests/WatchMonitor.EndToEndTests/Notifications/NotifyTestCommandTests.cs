using WatchMonitor.EndToEndTests.Reliability;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Channels;
using WatchMonitor.Sites;

namespace WatchMonitor.EndToEndTests.Notifications;

/// <summary><c>watchmon notify-test</c> as a user runs it: one marked sample per destination, masked output, the README's exit codes.</summary>
public sealed class NotifyTestCommandTests : IAsyncLifetime
{
    private FakeSitesServer _server = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _server = await FakeSitesServer.StartAsync(port: 0);
        _directory = Directory.CreateTempSubdirectory("watchmon-notify-test-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task NotifyTest_SiteAndRouteAndTo_SendsOneMarkedSampleEachAndPrintsTheAnswersMasked()
    {
        var environment = Environment();
        environment["Notifications__Routes__phone__To"] = _server.ChannelUrls.Ntfy;

        var site = await WatchmonProcess.RunAsync(_directory, environment, "notify-test", "--site", "grimmeissen");
        var route = await WatchmonProcess.RunAsync(_directory, environment, "notify-test", "--route", "phone");
        var adHoc = await WatchmonProcess.RunAsync(_directory, environment, "notify-test", "--to", _server.ChannelUrls.Json);

        Assert.Equal((0, 0, 0), (site.ExitCode, route.ExitCode, adHoc.ExitCode));
        Assert.Contains("/api/webhooks/***", site.Output, StringComparison.Ordinal);
        Assert.Contains("delivered (200)", site.Output, StringComparison.Ordinal);
        Assert.StartsWith("🧪 TEST: ", Assert.Single(_server.Discord.Webhook("grimmeissen").Embeds).Title, StringComparison.Ordinal);
        Assert.StartsWith("🧪 TEST: ", Assert.Single(_server.Channels.Received(FakeChannels.Ntfy)).Text("title"), StringComparison.Ordinal);
        Assert.Contains("\"test\":true", Assert.Single(_server.Channels.Received(FakeChannels.Json)).Body, StringComparison.Ordinal);
        var secrets = new[] { _server.Discord.Webhook("grimmeissen").Token, "wm-topic-secret-7f3a", "events-secret-9c1d" };
        Assert.All(new[] { site, route, adHoc }, result => Assert.DoesNotContain(secrets, secret => result.All.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NotifyTest_GoneDestinationOrUnknownRoute_ExitsOneOrTwo()
    {
        _server.Channels.MarkGone(FakeChannels.Ntfy);
        var environment = Environment();

        var gone = await WatchmonProcess.RunAsync(_directory, environment, "notify-test", "--to", _server.ChannelUrls.Ntfy);
        var unknown = await WatchmonProcess.RunAsync(_directory, environment, "notify-test", "--route", "nope");

        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("gone (404)", gone.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wm-topic-secret-7f3a", gone.All, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: no route 'nope'", unknown.Error, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SKIP_SITES"] = string.Join(',', SiteCatalog.All.Select(site => site.Key).Where(key => key != "grimmeissen")),
            ["HEALTH_ENABLED"] = "false",
            ["STATE_DATABASE"] = Path.Combine(_directory, "watchmon.db"),
        };
        foreach (var (key, value) in _server.MonitorConfiguration())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }
}
