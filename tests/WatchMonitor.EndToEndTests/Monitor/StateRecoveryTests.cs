using System.Text;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Http;
using WatchMonitor.Sites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>State files the monitor did not write itself: a corrupt one, and one from the Python monitor.</summary>
public sealed class StateRecoveryTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    [Fact]
    public async Task Start_CorruptSeenFile_QuarantinesItAndTakesASilentBaseline()
    {
        var server = Harness.Server;
        await using (var earlier = Harness.StartMonitor())
        {
            await earlier.RunCycleAsync();
        }

        server.Site("watch_out").Add();
        await File.WriteAllBytesAsync(Harness.SeenFile, [0x7B, 0x22, 0x00, 0xFF, 0xFE, 0x13, 0x37, 0x5B, 0x0A, 0xC3, 0x28]);
        Harness.Logs.ExpectErrors("is unreadable");

        await using var monitor = Harness.StartMonitor();
        var first = await monitor.RunCycleAsync();
        var second = await monitor.RunCycleAsync();

        var quarantined = Assert.Single(Directory.GetFiles(Harness.StateDirectory, "seen_watches.json.corrupt-*"));
        Assert.Equal([0x7B, 0x22, 0x00, 0xFF, 0xFE, 0x13, 0x37, 0x5B, 0x0A, 0xC3, 0x28], await File.ReadAllBytesAsync(quarantined));
        var error = Assert.Single(Harness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Contains(quarantined, error.Message, StringComparison.Ordinal);
        Assert.Contains("silent baseline", error.Message, StringComparison.Ordinal);
        Assert.Contains("To restore it, stop the monitor", error.Message, StringComparison.Ordinal);
        Assert.All(first.Sites, site => Assert.True(site.Baseline, site.SiteKey));
        Assert.Equal(0, second.NewListings);
        Assert.Equal(0, server.Discord.TotalAccepted);
        Assert.True(File.Exists(Harness.SeenFile));
    }

    [Fact]
    public async Task Start_ReferenceFormatSeenFile_AlertsOnlyWhatIsNew()
    {
        var server = Harness.Server;
        await File.WriteAllTextAsync(Harness.SeenFile, await ReferenceSeenFileAsync(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Assert.False(File.Exists(Harness.SeenCompanionFile));
        var added = server.Site("rueschenbeck").Add();

        await using var monitor = Harness.StartMonitor();
        var report = await monitor.RunCycleAsync();

        Assert.All(report.Sites, site => Assert.False(site.Baseline || site.Failed, site.SiteKey));
        Assert.Empty(Harness.Logs.Matching(LogLevel.Information, "(baseline)"));
        Assert.Equal(1, report.NewListings);
        Assert.Equal(server.ExpectListing("rueschenbeck", added)!.Url, Assert.Single(server.Discord.Webhook("rueschenbeck").Embeds).Url);
        Assert.Equal(1, server.Discord.TotalAccepted);
    }

    // What the Python monitor writes (json.dump, indent 2, ensure_ascii False) for the current fake listings: ids
    // computed by the adapters from the fake pages, in the arbitrary order of a Python set.
    private async Task<string> ReferenceSeenFileAsync()
    {
        var server = Harness.Server;
        using var http = new HttpClient();
        var fetcher = new PageFetcher(http, new MonitorOptions());
        var random = new Random(7);
        var json = new StringBuilder("{\n");
        var sites = SiteAdapters.CreateAll();
        for (var i = 0; i < sites.Count; i++)
        {
            var urls = server.UrlsFor(sites[i].Site.Key);
            var listings = await sites[i].FetchListingsAsync(fetcher, new SiteEndpoints(urls.ListingUrl, urls.BaseUrl, urls.ProductsJsonUrl), CancellationToken.None);
            var ids = listings.Select(listing => listing.CompositeId).Distinct().ToArray();
            Assert.Equal(12, ids.Length);
            random.Shuffle(ids);
            json.Append($"  \"{sites[i].Site.Key}\": [\n");
            json.Append(string.Join(",\n", ids.Select(id => $"    \"{id}\"")));
            json.Append(i < sites.Count - 1 ? "\n  ],\n" : "\n  ]\n");
        }

        return json.Append('}').ToString();
    }
}
