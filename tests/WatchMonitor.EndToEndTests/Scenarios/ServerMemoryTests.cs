using System.Text;
using WatchMonitor.Demo.Rendering;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Rendering;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Scenarios;

/// <summary>
/// The soak benchmark runs thousands of cycles against one server; the server must not grow with them. Runs alone
/// (no other test allocating on the same heap meanwhile).
/// </summary>
[Collection(nameof(ServerMemoryTests))]
public sealed class ServerMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Cycles_ChurnFetchAndPost_KeepTheServerHeapFlat()
    {
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { MessagesPerWebhook = 20 });
        using var http = new HttpClient();
        var keys = SiteRenderers.Keys;

        async Task RunCyclesAsync(int from, int to)
        {
            for (var cycle = from; cycle < to; cycle++)
            {
                var key = keys[cycle % keys.Count];
                var site = server.Site(key);
                site.Churn(2);
                await http.GetStringAsync(server.UrlsFor(key).ListingUrl);
                await http.GetStringAsync(server.DetailUrl(key, site.Listings[0]));
                using var content = new StringContent($$"""{"embeds":[{"title":"cycle {{cycle}}","url":"https://example.com/{{cycle}}"}]}""", Encoding.UTF8, "application/json");
                using var posted = await http.PostAsync(server.UrlsFor(key).WebhookUrl, content);
                posted.EnsureSuccessStatusCode();
            }
        }

        // Warm-up fills the message rings, the removed-listing history and the runtime's and Kestrel's buffer pools,
        // which settle at a few MB, sometimes in a late step; a leak of one page per cycle would add ~20 MB here.
        await RunCyclesAsync(0, 1200);
        var before = Heap();
        await RunCyclesAsync(1200, 3000);
        var after = Heap();

        output.WriteLine($"heap after 1200 cycles: {before / 1024} KiB, after 3000: {after / 1024} KiB");
        Assert.Equal(3000, server.Discord.TotalAccepted);
        Assert.All(server.Sites, site => Assert.Equal(12, site.Count));
        Assert.True(after - before < 4 * 1024 * 1024, $"The heap grew by {(after - before) / 1024} KiB over 1800 cycles.");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

[CollectionDefinition(nameof(ServerMemoryTests), DisableParallelization = true)]
public sealed class ServerMemoryTestsDefinition;
