using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using WatchMonitor.Demo.Rendering;
using WatchMonitor.EndToEndTests.Reliability;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Rendering;
using WatchMonitor.FakeSites.Rendering.Platforms;
using WatchMonitor.Sites;

namespace WatchMonitor.EndToEndTests.Platforms;

/// <summary><c>watchmon sites</c>, <c>try</c> and <c>parse</c> for the person adding a dealer, against the fake shops.</summary>
public sealed class SiteToolsTests : IAsyncLifetime
{
    private FakeSitesServer _server = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _server = await FakeSitesServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("watchmon-tools-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sites_BuiltInAndConfigured_ListsEachWithPlatformWebhookMaskedAndLastScan()
    {
        var environment = Environment();

        var before = await WatchmonProcess.RunAsync(_directory, environment, "sites");
        var once = await WatchmonProcess.RunAsync(_directory, environment, "once");
        var after = await WatchmonProcess.RunAsync(_directory, environment, "sites");

        Assert.True(before.ExitCode == 0, before.All);
        Assert.True(once.ExitCode == 0, once.All);
        Assert.True(after.ExitCode == 0, after.All);
        foreach (var shop in SiteRenderers.Platforms)
        {
            Assert.Matches($@"{shop.Key}\s+{shop.Platform}\s+yes\s+http://127\.0\.0\.1:\d+/api/webhooks/\S+/\*\*\*\s+never scanned", before.Output);
            Assert.Matches($@"{shop.Key}\s+{shop.Platform}\s+yes\s+\S+\s+ok \d{{4}}-\d\d-\d\d \d\d:\d\d, 12 listings, 0 new", after.Output);
            Assert.Contains($"  {shop.Name}: {_server.UrlsFor(shop.Key).ListingUrl}", after.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"watch_out\s+built-in\s+no\s+none \(alerts go to the log\)\s+never scanned", after.Output);
        Assert.All(_server.Discord.AllWebhooks, webhook => Assert.DoesNotContain(webhook.Token, before.All + after.All, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SitesAndStats_RouteConfigured_ShowRouteWithMaskedDestinationAndCounts()
    {
        const string Token = "tk_routeSecret42";
        var environment = Environment();
        environment["Notifications__Routes__rolex__To"] = $"ntfy://127.0.0.1:9/watchtopic?token={Token}";
        environment["Notifications__Routes__rolex__Brands"] = "Rolex";
        environment["Notifications__Routes__rolex__Kinds"] = "new,price_drop";
        environment["Notifications__Routes__rolex__MaxPrice"] = "20000";

        var before = await WatchmonProcess.RunAsync(_directory, environment, "sites");
        var once = await WatchmonProcess.RunAsync(_directory, environment, "once");
        var route = Regex.Match(before.Output, @"-> (ntfy-[0-9a-f]{12})");
        Assert.True(route.Success, before.All);
        var key = route.Groups[1].Value;
        AddDeliveries(Path.Combine(_directory, "watchmon.db"), key);
        var sites = await WatchmonProcess.RunAsync(_directory, environment, "sites");
        var stats = await WatchmonProcess.RunAsync(_directory, environment, "stats");

        Assert.True(once.ExitCode == 0, once.All);
        Assert.Matches(@"rolex\s+sites all; kinds new,price_drop; filters brands Rolex, price 0-20000 EUR", before.Output);
        Assert.Contains("counts: no state database", before.Output, StringComparison.Ordinal);
        Assert.Matches(@"site:shopify_shop\s+sites shopify_shop; kinds new,price_drop,price_rise,sold; filters none", sites.Output);
        foreach (var result in new[] { sites, stats })
        {
            Assert.True(result.ExitCode == 0, result.All);
            Assert.Matches($@"-> {key}\s+ntfy://127\.0\.0\.1:9/\S*\s+delivered 2, queued 1, dead letters 0", result.Output);
        }

        Assert.All(new[] { before, once, sites, stats }, result => Assert.DoesNotContain(Token, result.All, StringComparison.Ordinal));
        Assert.All(_server.Discord.AllWebhooks, webhook => Assert.DoesNotContain(webhook.Token, sites.All + stats.All, StringComparison.Ordinal));
    }

    private static void AddDeliveries(string database, string destination)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO delivery (site, listing_id, destination, kind, remote_message_id, delivered_at) VALUES
                ('shopify_shop', 'a', $destination, 'new', NULL, 0), ('shopify_shop', 'b', $destination, 'new', NULL, 0);
            INSERT INTO outbox (destination, site, composite_id, kind, dedup_key, payload, enqueued_at, next_attempt_at)
                VALUES ($destination, 'shopify_shop', 'c', 'new', 'c', '{}', 0, 0);
            """;
        command.Parameters.AddWithValue("$destination", destination);
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Sites_NoDatabase_CreatesNone()
    {
        var result = await WatchmonProcess.RunAsync(_directory, Environment(), "sites");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("never scanned", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "watchmon.db*"));
    }

    [Fact]
    public async Task Sites_AfterAScan_ReadsTheDatabaseWithoutChangingIt()
    {
        var environment = Environment();
        var once = await WatchmonProcess.RunAsync(_directory, environment, "once");
        var database = Path.Combine(_directory, "watchmon.db");
        var before = Fingerprint(database);

        var sites = await WatchmonProcess.RunAsync(_directory, environment, "sites");

        Assert.True(once.ExitCode == 0, once.All);
        Assert.True(sites.ExitCode == 0, sites.All);
        Assert.Matches(@"shopify_shop\s+shopify\s+yes\s+\S+\s+ok ", sites.Output);
        Assert.Equal(before, Fingerprint(database));
    }

    [Fact]
    public async Task Sites_DatabaseOfAnOlderSchema_LeavesItUnmigrated()
    {
        var database = Path.Combine(_directory, "watchmon.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE legacy (id INTEGER); PRAGMA user_version=1;";
            command.ExecuteNonQuery();
        }

        var before = Fingerprint(database);

        var result = await WatchmonProcess.RunAsync(_directory, Environment(), "sites");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("never scanned", result.Output, StringComparison.Ordinal);
        Assert.Contains("is at another schema version than this watchmon reads", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(database));
    }

    [Fact]
    public async Task Try_CardWithoutLinkAndCardThatFails_ReportsEachReasonInTableAndJson()
    {
        var site = _server.Site("selectors_shop");
        var broken = site.Add(site.Listings[2] with { Price = 1_000_000_000_000_000_000_000_000_000m });
        var environment = Environment();

        var table = await WatchmonProcess.RunAsync(_directory, environment, "try", "--site", "selectors_shop");
        var json = await WatchmonProcess.RunAsync(_directory, environment, "try", "--site", "selectors_shop", "--json");

        Assert.True(table.ExitCode == 0, table.All);
        Assert.Contains("skipped cards:", table.Output, StringComparison.Ordinal);
        Assert.Matches(@"  1 card skipped: could not be parsed, the first: \S+: OverflowException: The price 1000000000000000000000000000 is beyond", table.Output);
        Assert.Contains("  1 card skipped: no link (the Link selector found no href in them)", table.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.All);
        using var document = JsonDocument.Parse(json.Output);
        var skipped = document.RootElement.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Equal(2, skipped.Count);
        Assert.All(skipped, entry => Assert.Equal(1, entry.GetProperty("count").GetInt32()));
        Assert.Contains(_server.DetailUrl("selectors_shop", broken).Replace(_server.UrlsFor("selectors_shop").BaseUrl, "", StringComparison.Ordinal),
            skipped[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("no link (the Link selector found no href in them)", skipped[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Try_ShopifySiteWithoutSkippedProducts_SaysNone()
    {
        var result = await WatchmonProcess.RunAsync(_directory, Environment(), "try", "--site", "shopify_shop", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal(0, document.RootElement.GetProperty("skipped").GetArrayLength());
    }

    [Theory]
    [InlineData("shopify_shop", "/products.json?limit=250")]
    [InlineData("woo_shop", "/wp-json/wc/store/v1/products")]
    [InlineData("shopware_shop", "/neuheiten")]
    [InlineData("selectors_shop", "/neu")]
    public async Task Try_ConfiguredSite_PrintsTheListingsFillRatesAndFirstProblem(string key, string source)
    {
        var result = await WatchmonProcess.RunAsync(_directory, Environment(), "try", "--site", key);

        Assert.True(result.ExitCode == 0, result.All);
        var expected = key == "shopware_shop" ? ShopwareShopRenderer.PageSize : 12;
        Assert.Contains($"{key}: {expected} listings from ", result.Output, StringComparison.Ordinal);
        Assert.Contains(source, result.Output, StringComparison.Ordinal);
        Assert.Matches($@"title\s+{expected} of {expected}\s+100%", result.Output);
        Assert.Matches(@"first problem: image missing on \d+ of \d+ listings", result.Output);
        Assert.Empty(_server.Discord.Webhook(key).Messages);
        Assert.False(File.Exists(Path.Combine(_directory, "seen_watches.json")));
    }

    [Fact]
    public async Task Try_SelectorThatMatchesNothing_NamesItAsTheFirstProblem()
    {
        var environment = Environment();
        environment["Sites:selectors_shop:Selectors:Price"] = "span.preis";

        var result = await WatchmonProcess.RunAsync(_directory, environment, "try", "--site", "selectors_shop");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("first problem: Price selector matched 0 of 13 cards", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Try_UnsavedSelectorsSite_ReadsThePageWithTheGivenSelectorsAsJson()
    {
        var urls = _server.UrlsFor("selectors_shop");

        var result = await WatchmonProcess.RunAsync(_directory, new Dictionary<string, string?>(),
            "try", "--platform", "selectors", "--url", urls.ListingUrl, "--base-url", urls.BaseUrl, "--json",
            "--selector", "Card=article.watch-tile", "--selector", "Link=a", "--selector", "Title=h3", "--selector", "Price=.watch-tile__price");

        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(12, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(13, json.RootElement.GetProperty("selectors").GetProperty("Card").GetInt32());
        Assert.Equal(12, json.RootElement.GetProperty("listings").GetArrayLength());
        Assert.Equal("image missing on 12 of 12 listings", json.RootElement.GetProperty("firstProblem").GetString());
    }

    [Fact]
    public async Task Try_UnsavedSiteWithBadSelector_FailsNamingTheOption()
    {
        var result = await WatchmonProcess.RunAsync(_directory, new Dictionary<string, string?>(),
            "try", "--platform", "selectors", "--url", _server.UrlsFor("selectors_shop").ListingUrl, "--selector", "Card=li[", "--selector", "Link=a");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --selector Card='li[' is not a valid CSS selector", result.Error, StringComparison.Ordinal);
        Assert.Contains("error: --selector Title is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_ConfiguredSite_ParsesASavedPageOffline()
    {
        var page = Path.Combine(_directory, "saved.html");
        var shop = SiteRenderers.Get("selectors_shop");
        await File.WriteAllTextAsync(page, shop.RenderListing(_server.Site("selectors_shop").Listings, _server.AddressOf("selectors_shop"), 1, 100).Body);

        var result = await WatchmonProcess.RunAsync(_directory, Environment(), "parse", "--site", "selectors_shop", "--listing", page);

        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(12, json.RootElement.GetArrayLength());
        Assert.StartsWith(_server.UrlsFor("selectors_shop").BaseUrl + "/uhren/", json.RootElement[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    // The bytes of the database and its WAL: what a read-only command must leave as it found them. A reader of a WAL
    // database may leave an empty -wal behind, which holds nothing.
    private static string Fingerprint(string database) =>
        string.Join(',', DatabaseFiles(database)
            .Where(path => File.Exists(path) && new FileInfo(path).Length > 0)
            .Select(path => Path.GetFileName(path) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))));

    private static IEnumerable<string> DatabaseFiles(string database)
    {
        yield return database;
        yield return database + "-wal";
    }

    private Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SKIP_SITES"] = string.Join(',', SiteCatalog.All.Select(site => site.Key)),
            ["DETAIL_PAGE_DELAY"] = "0",
            ["MAX_RETRIES"] = "0",
            ["EXCHANGE_RATE_API_URL"] = _server.ExchangeRateUrl,
            ["HEALTH_ENABLED"] = "false",
        };
        foreach (var shop in SiteRenderers.Platforms)
        {
            foreach (var (key, value) in _server.PlatformConfiguration(shop.Key))
            {
                environment[key] = value;
            }
        }

        return environment;
    }
}
