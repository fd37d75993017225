using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Channels;
using WatchMonitor.Demo.Listings;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Notifications;

/// <summary>A digest route (docs/notifications.md#digests) gets one message per period with all its matches.</summary>
public sealed class DigestTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string Site = "grimmeissen";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunCycles_DigestRoute_GetsOneMessagePerPeriodWhileTheOtherRouteGetsEachListing()
    {
        var urls = Harness.Server.ChannelUrls;
        await using var monitor = Harness.StartMonitor(
            [
                new("Notifications:Routes:daily:To", urls.Json),
                new("Notifications:Routes:daily:Digest", "daily@08:00"),
                new("Notifications:Routes:live:To", urls.Ntfy),
                new("SKIP_SITES", "worldoftime,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck"),
            ],
            MonitorHarness.UseClock(_time));
        await monitor.RunCycleAsync();
        var site = Harness.Server.Site(Site);
        var first = site.Add(Watch("Rolex", "Submariner Date", "116610LN", 10_000m));
        var second = site.Add(Watch("Omega", "Speedmaster", "310.30", 7_000m));
        await monitor.RunCycleAsync();
        _time.Advance(TimeSpan.FromHours(1));
        var third = site.Add(Watch("Tudor", "Black Bay", "79230N", 3_900m));
        await monitor.RunCycleAsync();

        Assert.Empty(Harness.Server.Channels.Received(FakeChannels.Json));
        Assert.Equal(3, Harness.Server.Channels.Received(FakeChannels.Ntfy).Count);

        _time.Advance(TimeSpan.FromHours(1.5));
        await monitor.RunCycleAsync();
        _time.Advance(TimeSpan.FromDays(1));
        await monitor.RunCycleAsync();

        var digest = Assert.Single(Harness.Server.Channels.Received(FakeChannels.Json));
        using var document = JsonDocument.Parse(digest.Body);
        Assert.Equal("digest", document.RootElement.GetProperty("kind").GetString());
        Assert.Equal(
            new[] { Url(first), Url(second), Url(third) }.Order(),
            document.RootElement.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("link").GetString()!).Order());
        Assert.Equal(3, Harness.Server.Channels.Received(FakeChannels.Ntfy).Count);
    }

    [Fact]
    public async Task RestartAfterTheDigestTime_SendsTheMissedDigestOnceAtTheFirstCycleAndNotAgainAfterAnotherRestart()
    {
        var urls = Harness.Server.ChannelUrls;
        KeyValuePair<string, string?>[] settings =
        [
            new("Notifications:Routes:daily:To", urls.Json),
            new("Notifications:Routes:daily:Digest", "daily@08:00"),
            new("SKIP_SITES", "worldoftime,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck"),
        ];
        var first = Harness.StartMonitor(settings, MonitorHarness.UseClock(_time));
        await first.RunCycleAsync();
        var watch = Harness.Server.Site(Site).Add(Watch("Rolex", "Submariner Date", "116610LN", 10_000m));
        await first.RunCycleAsync();
        await first.DisposeAsync();

        // Stopped over two digest times: the missed period goes out at the first cycle, once.
        _time.Advance(TimeSpan.FromDays(2));
        await using (var second = Harness.StartMonitor(settings, MonitorHarness.UseClock(_time)))
        {
            await second.RunCycleAsync();
            Assert.Single(Harness.Server.Channels.Received(FakeChannels.Json));
        }

        await using var third = Harness.StartMonitor(settings, MonitorHarness.UseClock(_time));
        await third.RunCycleAsync();
        await third.RunCycleAsync();

        var digest = Assert.Single(Harness.Server.Channels.Received(FakeChannels.Json));
        using var document = JsonDocument.Parse(digest.Body);
        Assert.Equal([Url(watch)], document.RootElement.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("link").GetString()!));
    }

    private string Url(FakeListing listing) => Harness.Server.ExpectListing(Site, listing)!.Url;

    private static FakeListing Watch(string brand, string model, string reference, decimal price) => new()
    {
        Id = 0,
        Brand = brand,
        Model = model,
        Reference = reference,
        Year = 2021,
        Price = price,
    };
}
