using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Demo.Listings;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Notifications;

/// <summary>Discord done properly: no message pings anyone, price changes edit the original alert, forum posts are named.</summary>
public sealed class DiscordAlertTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string Site = "grimmeissen";

    [Fact]
    public async Task RunCycle_TitleWithEveryone_PingsNobody()
    {
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        Harness.Server.Site(Site).Add(Watch("Rolex", "Submariner @everyone @here", 10_000m));

        await monitor.RunCycleAsync();

        var message = Assert.Single(Harness.Server.Discord.Webhook(Site).Messages);
        Assert.Contains("@everyone", message.Embeds[0].Title, StringComparison.Ordinal);
        Assert.Equal([], message.AllowedMentions);
        Assert.False(message.WouldPing);
    }

    [Fact]
    public async Task RunCycle_PriceDrop_EditsTheOriginalAlertAndPostsTheDrop()
    {
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var site = Harness.Server.Site(Site);
        var watch = site.Add(Watch("Rolex", "Submariner Date", 10_000m));
        await monitor.RunCycleAsync();

        site.Reprice(watch.Id, 9_000m);
        await monitor.RunCycleAsync();

        var webhook = Harness.Server.Discord.Webhook(Site);
        var messages = webhook.Messages;
        Assert.Equal(2, messages.Count);
        Assert.Equal(1, webhook.EditCount);
        var original = messages[0];
        Assert.Equal(1, original.Edits);
        Assert.Equal("~~€10.000~~ **€9.000**", original.Embeds[0].Field("💰 Price:"));
        Assert.Equal("Price changed: €10.000 → €9.000", messages[1].Embeds[0].Description);
        Assert.All(messages, message => Assert.Equal([], message.AllowedMentions));
    }

    [Fact]
    public async Task RunCycle_SoldWithUpdatesEdit_MarksTheOriginalAlertSoldWithoutANewMessage()
    {
        await using var monitor = Harness.StartMonitor([new("Notifications:Discord:Updates", "edit")]);
        await monitor.RunCycleAsync();
        var site = Harness.Server.Site(Site);
        var watch = site.Add(Watch("Rolex", "Submariner Date", 10_000m));
        await monitor.RunCycleAsync();

        site.MarkSold(watch.Id);
        await monitor.RunCycleAsync();

        var message = Assert.Single(Harness.Server.Discord.Webhook(Site).Messages);
        Assert.Equal(1, message.Edits);
        Assert.Equal("~~€10.000~~ **Sold / on request**", message.Embeds[0].Field("💰 Price:"));
    }

    [Fact]
    public async Task RunCycle_ForumThreadName_OpensAPostNamedAfterTheListing()
    {
        await using var monitor = Harness.StartMonitor([new($"Sites:{Site}:ThreadName", "{site}: {title}")]);
        await monitor.RunCycleAsync();
        var site = Harness.Server.Site(Site);
        var watch = site.Add(Watch("Rolex", "Submariner Date", 10_000m));
        await monitor.RunCycleAsync();
        site.Reprice(watch.Id, 9_500m);
        await monitor.RunCycleAsync();

        var messages = Harness.Server.Discord.Webhook(Site).Messages;
        Assert.StartsWith("Grimmeissen: Rolex Submariner Date", messages[0].ThreadName, StringComparison.Ordinal);
        Assert.Equal(1, messages[0].Edits);
    }

    private static FakeListing Watch(string brand, string model, decimal price) => new()
    {
        Id = 0,
        Brand = brand,
        Model = model,
        Reference = "116610LN",
        Year = 2021,
        Price = price,
    };
}
