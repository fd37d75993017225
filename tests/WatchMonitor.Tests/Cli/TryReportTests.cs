using System.Text.Json;
using WatchMonitor.Cli;
using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Tests.Cli;

public sealed class TryReportTests
{
    [Fact]
    public void WriteTable_EveryCardFailed_NamesTheFirstFailureAsTheProblem()
    {
        var page = new ListingPage([], 3, new SkippedItem("/uhren/a", new FormatException("no price")));
        var report = new TryReport("my_dealer", "https://x/new", page, null);
        using var output = new StringWriter();

        report.WriteTable(output);

        Assert.Contains("  3 cards skipped: could not be parsed, the first: /uhren/a: FormatException: no price", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("first problem: every card that looked like a listing failed to parse (3); the first: /uhren/a", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteJson_NothingSkipped_WritesAnEmptyList()
    {
        var listing = new Listing { SiteKey = "my_dealer", Url = "https://x/a", Title = "Rolex Submariner", Price = 9500m };
        listing.AssignIdentity();
        var report = new TryReport("my_dealer", "https://x/new", new ListingPage([listing]), null);
        using var stream = new MemoryStream();

        report.WriteJson(stream);

        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(0, json.RootElement.GetProperty("skipped").GetArrayLength());
        Assert.Equal(1, json.RootElement.GetProperty("count").GetInt32());
    }
}
