using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Sites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// A listing whose price changes gets a new composite id (docs/ids.md); the monitor must recognise it by its URL
/// and say "price changed" or "sold" once, instead of announcing a new watch.
/// </summary>
public sealed class PriceChangeTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    public static TheoryData<string> SiteKeys => new(SiteCatalog.All.Select(site => site.Key));

    /// <summary>Dealers whose listing page keeps a sold watch, without its price.</summary>
    public static TheoryData<string> SitesKeepingSoldItems => new("worldoftime", "grimmeissen", "juwelier_exchange");

    /// <summary>Dealers whose listing page drops a sold watch.</summary>
    public static TheoryData<string> SitesDroppingSoldItems => new("tropicalwatch", "watch_out", "rueschenbeck");

    [Theory]
    [MemberData(nameof(SiteKeys))]
    public async Task RunOnce_ListingRepriced_PostsOnePriceChangeEmbed(string siteKey)
    {
        var server = Harness.Server;
        var site = server.Site(siteKey);
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var listing = site.Listings[3];
        var oldPrice = listing.Price!.Value;
        var newPrice = oldPrice + 1_000m;

        site.Reprice(listing.Id, newPrice);
        var report = await monitor.RunCycleAsync();

        var embed = Assert.Single(server.Discord.Webhook(siteKey).Embeds);
        Assert.Equal(1, server.Discord.TotalAccepted);
        Assert.Equal(1, report.NewListings);
        Assert.Equal(server.ExpectListing(siteKey, listing)!.Url, embed.Url);
        // Both amounts as the embed shows prices: Tropical Watch's dollars converted to euros.
        var rate = siteKey == "tropicalwatch" ? server.ExchangeRate.EurRate : 1m;
        Assert.Equal($"Price changed: {Prices.Euro(oldPrice * rate)} → {Prices.Euro(newPrice * rate)}", embed.Description);
        Assert.Equal("**" + Prices.Euro(newPrice * rate) + "**", embed.Field("💰 Price:"));

        await monitor.RunCycleAsync();

        Assert.Equal(1, server.Discord.TotalAccepted);
    }

    [Theory]
    [MemberData(nameof(SitesKeepingSoldItems))]
    public async Task RunOnce_ListingMarkedSold_PostsOneSoldEmbed(string siteKey)
    {
        var server = Harness.Server;
        var site = server.Site(siteKey);
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();
        var listing = site.Listings[2];

        site.MarkSold(listing.Id);
        await monitor.RunCycleAsync();

        var embed = Assert.Single(server.Discord.Webhook(siteKey).Embeds);
        Assert.Equal(1, server.Discord.TotalAccepted);
        Assert.Equal(server.ExpectListing(siteKey, listing)!.Url, embed.Url);
        Assert.Equal($"Sold / price on request (was {Prices.Euro(listing.Price!.Value)})", embed.Description);
        Assert.Equal("**❓**", embed.Field("💰 Price:"));

        await monitor.RunCycleAsync();

        Assert.Equal(1, server.Discord.TotalAccepted);
    }

    [Theory]
    [MemberData(nameof(SitesDroppingSoldItems))]
    public async Task RunOnce_ListingSoldWhereTheDealerDropsIt_PostsNothing(string siteKey)
    {
        var server = Harness.Server;
        var site = server.Site(siteKey);
        await using var monitor = Harness.StartMonitor();
        await monitor.RunCycleAsync();

        site.MarkSold(site.Listings[2].Id);
        var report = await monitor.RunCycleAsync();

        Assert.True(report.AllSucceeded);
        Assert.Equal(0, report.NewListings);
        Assert.Equal(0, server.Discord.TotalAccepted);
    }
}
