using System.Net;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.FakeSites;

namespace WatchMonitor.EndToEndTests.Scenarios;

/// <summary>The options the soak's scale runs use: many configured dealers, and dealers that take time to answer.</summary>
public sealed class ScaleOptionsTests
{
    [Fact]
    public async Task PlatformShopCopies_EachServesItsOwnListingsUnderItsOwnKeyAndWebhook()
    {
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { PlatformShopCopies = 5 });
        using var http = new HttpClient();

        var copies = server.PlatformShopCopies.Select(site => site.Key).ToList();

        Assert.Equal(["shopify_shop_2", "woo_shop_2", "shopware_shop_2", "selectors_shop_2", "shopify_shop_3"], copies);
        var copy = server.Site("selectors_shop_2");
        var original = server.Site("selectors_shop");
        var page = await http.GetStringAsync(server.UrlsFor(copy.Key).ListingUrl);
        Assert.Contains("/selectors_shop_2/uhren/", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/selectors_shop/uhren/", page, StringComparison.Ordinal);
        var untouched = original.Version;
        copy.Churn(1, seed: 3);
        Assert.Equal(untouched, original.Version);
        var detail = await http.GetAsync(server.DetailUrl(copy.Key, copy.Listings[0]));
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var configuration = server.PlatformConfiguration(copy.Key);
        Assert.Equal("selectors", configuration["Sites:selectors_shop_2:Platform"]);
        Assert.EndsWith(" 2", configuration["Sites:selectors_shop_2:Name"], StringComparison.Ordinal);
        Assert.NotEqual(server.UrlsFor(original.Key).WebhookUrl, configuration["Sites:selectors_shop_2:WebhookUrl"]);
        Assert.Equal(copy.Key, server.Discord.Webhook(copy.Key).SiteKey);
    }

    [Fact]
    public async Task ResponseLatency_HoldsEveryDealerPageUntilItHasPassed()
    {
        var time = new FakeTimeProvider();
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { TimeProvider = time, ResponseLatency = TimeSpan.FromMilliseconds(300) });
        using var http = new HttpClient();

        var pending = http.GetAsync(server.UrlsFor("grimmeissen").ListingUrl);
        await server.Faults.WaitForHoldsAsync(1);
        time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.Faults.HoldCount);
    }
}
