using System.Text.Json;
using WatchMonitor.Cli;

namespace WatchMonitor.Tests.Cli;

public sealed class ParseCommandTests
{
    private static readonly string[] Keys =
    [
        "title", "brand", "model", "reference", "year", "price", "currency", "priceDisplay", "url", "imageUrl", "condition",
        "hasPapers", "hasBox", "caseMaterial", "diameter", "compositeId", "legacyCompositeId",
    ];

    [Theory]
    [InlineData("worldoftime", "WorldOfTime", "listing.html")]
    [InlineData("juwelier_exchange", "JuwelierExchange", "listing.html")]
    [InlineData("watch_out", "WatchOut", "products.json")]
    [InlineData("watch_out", "WatchOut", "collection.html")]
    public async Task Parse_ListingPage_PrintsArrayWithContractKeys(string site, string folder, string file)
    {
        var (exitCode, stdout, stderr) = await RunAsync("parse", "--site", site, "--listing", Fixture(folder, file));

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.True(document.RootElement.GetArrayLength() >= 20);
        foreach (var listing in document.RootElement.EnumerateArray())
        {
            Assert.Equal(Keys, listing.EnumerateObject().Select(property => property.Name));
            Assert.Matches("^[0-9a-f]{32}$", listing.GetProperty("compositeId").GetString());
            Assert.StartsWith("http", listing.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.True(listing.GetProperty("price").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
            Assert.True(listing.GetProperty("hasBox").ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task Parse_DetailWithListing_EnrichesThatListing()
    {
        var (_, listingJson, _) = await RunAsync("parse", "--site", "juwelier_exchange", "--listing", Fixture("JuwelierExchange", "listing.html"));
        using var listings = JsonDocument.Parse(listingJson);
        var first = listings.RootElement[0];
        var url = first.GetProperty("url").GetString()!;

        var (exitCode, stdout, stderr) = await RunAsync(
            "parse", "--site", "juwelier_exchange", "--detail", Fixture("JuwelierExchange", "detail-rolex-submariner.html"),
            "--url", url, "--listing", Fixture("JuwelierExchange", "listing.html"));

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        using var detail = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Object, detail.RootElement.ValueKind);
        Assert.Equal(url, detail.RootElement.GetProperty("url").GetString());
        Assert.Equal(first.GetProperty("compositeId").GetString(), detail.RootElement.GetProperty("compositeId").GetString());
        Assert.Equal(first.GetProperty("price").GetRawText(), detail.RootElement.GetProperty("price").GetRawText());
        Assert.NotEqual("Unknown Watch", detail.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Parse_DetailWithoutListing_EnrichesBareListing()
    {
        var (exitCode, stdout, _) = await RunAsync(
            "parse", "--site", "watch_out", "--detail", Fixture("WatchOut", "detail-submariner.html"),
            "--url", "https://www.watch-out.shop/products/rolex-submariner");

        Assert.Equal(0, exitCode);
        using var detail = JsonDocument.Parse(stdout);
        Assert.Equal("https://www.watch-out.shop/products/rolex-submariner", detail.RootElement.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, detail.RootElement.GetProperty("price").ValueKind);
    }

    [Theory]
    [InlineData("unknown site 'ebay'", "parse", "--site", "ebay", "--listing", "x.html")]
    [InlineData("cannot read listing file", "parse", "--site", "worldoftime", "--listing", "/nonexistent/listing.html")]
    [InlineData("--detail needs --url", "parse", "--site", "worldoftime", "--detail", "x.html")]
    [InlineData("give --listing", "parse", "--site", "worldoftime")]
    [InlineData("--site", "parse", "--listing", "x.html")]
    public async Task Parse_BadInput_OneLineOnStderrExitTwo(string expected, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("grimmeissen")]
    [InlineData("watch_out")]
    [InlineData("rueschenbeck")]
    public async Task Parse_AnotherSitesListingPage_OneLineOnStderrExitTwo(string site)
    {
        var page = Fixture("WorldOfTime", "listing.html");

        var (exitCode, stdout, stderr) = await RunAsync("parse", "--site", site, "--listing", page);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: no ", stderr, StringComparison.Ordinal);
        Assert.Contains($"listings found in '{page}': is it a saved {site} listing page?", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("{\"products\": [", "cannot parse")]
    [InlineData("", "is empty")]
    [InlineData("ab\0cd", "binary")]
    public async Task Parse_UnparsableFile_OneLineOnStderrExitTwo(string content, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, content);
        try
        {
            var (exitCode, stdout, stderr) = await RunAsync("parse", "--site", "watch_out", "--listing", path);

            Assert.Equal(2, exitCode);
            Assert.Equal("", stdout);
            Assert.Contains(expected, stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Parse_ProductThatCannotBeParsed_PrintsTheOthersAndOneWarning()
    {
        // The second price overflows a decimal: that product is skipped, the first still printed.
        const string json = """
            {"products": [
              {"handle": "rolex-explorer-124270", "title": "Explorer", "vendor": "Rolex", "variants": [{"price": "6500.00", "sku": "124270"}]},
              {"handle": "broken-price", "title": "Broken", "vendor": "Omega", "variants": [{"price": "99999999999999999999999999999999.00"}]}
            ]}
            """;
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, json);
        try
        {
            var (exitCode, stdout, stderr) = await RunAsync("parse", "--site", "watch_out", "--listing", path);

            Assert.Equal(0, exitCode);
            using var document = JsonDocument.Parse(stdout);
            Assert.Equal("https://www.watch-out.shop/products/rolex-explorer-124270", Assert.Single(document.RootElement.EnumerateArray()).GetProperty("url").GetString());
            Assert.StartsWith("warning: 1 item(s) of the listing page could not be parsed and were left out; first: broken-price: OverflowException", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Fixture(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, file);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await WatchmonCommandLine.InvokeAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
