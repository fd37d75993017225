using System.Text;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Http;
using WatchMonitor.Monitoring;
using WatchMonitor.Sites;
using WatchMonitor.State;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>JSON state files imported into the database: a corrupt one, one from the Python monitor, and an export.</summary>
public sealed class StateRecoveryTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    [Fact]
    public async Task Start_CorruptSeenFileToImport_RefusesToStartAndSkipImportTakesASilentBaseline()
    {
        var server = Harness.Server;
        byte[] corrupt = [0x7B, 0x22, 0x00, 0xFF, 0xFE, 0x13, 0x37, 0x5B, 0x0A, 0xC3, 0x28];
        await File.WriteAllBytesAsync(Harness.SeenFile, corrupt);

        await using (var refused = Harness.StartMonitor())
        {
            var exception = await Assert.ThrowsAsync<StateFileException>(() => refused.RunCycleAsync());
            Assert.StartsWith($"Cannot import {Harness.SeenFile}: ", exception.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was imported and the file is unchanged", exception.Message, StringComparison.Ordinal);
        }

        server.Site("watch_out").Add();
        await using var monitor = Harness.StartMonitor(runSettings: new RunSettings(SkipImport: true));
        var first = await monitor.RunCycleAsync();
        var second = await monitor.RunCycleAsync();

        Assert.Equal(corrupt, await File.ReadAllBytesAsync(Harness.SeenFile));
        Assert.All(first.Sites, site => Assert.True(site.Baseline, site.SiteKey));
        Assert.Equal(0, second.NewListings);
        Assert.Equal(0, server.Discord.TotalAccepted);
        Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "without importing any JSON state file (--skip-import)"));
    }

    [Fact]
    public async Task Export_AfterCycles_WritesAPythonSeenFileThatAFreshStartImportsWithoutReAlerts()
    {
        var server = Harness.Server;
        await using (var earlier = Harness.StartMonitor())
        {
            await earlier.RunCycleAsync();
            server.Site("grimmeissen").Add();
            await earlier.RunCycleAsync();
        }

        await Harness.ExportAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(Harness.DatabaseFile + suffix);
        }

        await using var monitor = Harness.StartMonitor();
        var report = await monitor.RunCycleAsync();

        Assert.All(report.Sites, site => Assert.False(site.Baseline || site.Failed, site.SiteKey));
        Assert.Equal(0, report.NewListings);
        Assert.Equal(1, server.Discord.TotalAccepted);
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
