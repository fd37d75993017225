using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites.Discord;
using WatchMonitor.FakeSites.Rendering;
using WatchMonitor.Sites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// The monitor's main promise, per dealer: the first cycle records what is listed without alerting, a watch listed
/// afterwards is announced exactly once with the embed of docs/parsing-rules.md#discord-embed, and nothing is announced twice.
/// </summary>
public sealed partial class NewListingAlertTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string ZeroWidthSpace = "\u200B";

    public static TheoryData<string> SiteKeys => new(SiteCatalog.All.Select(site => site.Key));

    [Theory]
    [MemberData(nameof(SiteKeys))]
    public async Task RunOnce_ListingAddedAfterBaseline_PostsOneValidEmbedOnlyOnce(string siteKey)
    {
        var server = Harness.Server;
        await using var monitor = Harness.StartMonitor();

        var baseline = await monitor.RunCycleAsync();

        Assert.Equal(6, baseline.Sites.Count);
        Assert.All(baseline.Sites, site => Assert.True(site.Baseline && !site.Failed, $"{site.SiteKey}: baseline {site.Baseline}, failed {site.Failed} ({site.Error})"));
        Assert.Equal(6, Harness.Logs.Matching(LogLevel.Information, "without alerting (baseline)").Count);
        Assert.Equal(0, server.Discord.TotalAccepted);

        var added = server.Site(siteKey).Add(Submariner);
        var second = await monitor.RunCycleAsync();

        Assert.True(second.AllSucceeded);
        Assert.Equal(1, second.NewListings);
        var webhook = server.Discord.Webhook(siteKey);
        var message = Assert.Single(webhook.Messages);
        Assert.Null(message.Content);
        var embed = Assert.Single(message.Embeds);
        AssertEmbed(siteKey, added, embed);
        Assert.Equal(0, webhook.Stats.Rejected);
        Assert.Equal(1, server.Discord.TotalAccepted);

        var third = await monitor.RunCycleAsync();

        Assert.Equal(0, third.NewListings);
        Assert.Equal(1, server.Discord.TotalAccepted);
        Assert.Empty(Harness.OutboxEntries());
    }

    // Every field of docs/parsing-rules.md#discord-embed has a value: year, box and papers, material, diameter, condition.
    private static FakeListing Submariner => new()
    {
        Id = 0,
        Brand = "Rolex",
        Model = "Submariner Date",
        Reference = "116610LN",
        Year = 2019,
        Price = 12_450m,
        Condition = ConditionGrade.VeryGood,
        BoxPapers = BoxPapers.FullSet,
        CaseMaterial = CaseMaterial.Steel,
        DiameterMm = 40m,
    };

    private void AssertEmbed(string siteKey, FakeListing listing, ReceivedEmbed embed)
    {
        var server = Harness.Server;
        var site = SiteCatalog.Find(siteKey)!;
        var expected = server.ExpectListing(siteKey, listing)!;
        var details = SiteRenderers.Get(siteKey).ExpectDetails(listing);

        // Juwelier Exchange's model is the product name's first three words after the brand (docs/dealers.md#juwelier_exchange).
        Assert.Equal(siteKey == "juwelier_exchange" ? "Rolex Submariner Date 116610LN" : "Rolex Submariner Date | 116610LN", embed.Title);
        Assert.Null(embed.Description);
        Assert.Equal(expected.Url, embed.Url);
        Assert.Equal(site.Color, embed.Color);
        Assert.Null(embed.Timestamp);
        Assert.Matches("^" + Regex.Escape(site.DisplayName) + @" - Detected: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", embed.FooterText);
        if (embed.ImageUrl is not null)
        {
            Assert.StartsWith(server.BaseUrl + "/", embed.ImageUrl, StringComparison.Ordinal);
        }

        var fields = embed.Fields;
        Assert.Equal(["💰 Price:", "🔍 Chrono24 Search:", ZeroWidthSpace], fields.Take(3).Select(field => field.Name));
        Assert.All(fields.Take(3), field => Assert.False(field.Inline, field.Name));
        Assert.Equal("**" + Prices.Euro(siteKey == "tropicalwatch" ? 12_450m * server.ExchangeRate.EurRate : 12_450m) + "**", fields[0].Value);
        Assert.Equal("[**Search similar**](https://www.chrono24.de/search/index.htm?dosearch=true&query=Rolex+Submariner+Date+116610LN&sortorder=1)", fields[1].Value);
        Assert.Equal(ZeroWidthSpace, fields[2].Value);

        string[] optional = ["🗓️ Year:", "⭐ Condition:", "📦 Box:", "📄 Papers:", "🔩 Case Material:", "📏 Diameter:"];
        var rest = fields.Skip(3).ToList();
        Assert.All(rest, field => Assert.True(field.Inline, field.Name));
        Assert.All(rest, field => Assert.Matches(@"^\*\*.+\*\*$", field.Value));
        Assert.Equal(optional.Where(name => rest.Exists(field => field.Name == name)), rest.Select(field => field.Name));
        AssertOptional(embed, "🗓️ Year:", details.Year);
        AssertOptional(embed, "🔩 Case Material:", details.CaseMaterial);
        AssertOptional(embed, "📏 Diameter:", details.Diameter);
        AssertOptional(embed, "⭐ Condition:", details.Condition);
        foreach (var name in new[] { "📦 Box:", "📄 Papers:" })
        {
            if (embed.Field(name) is { } value)
            {
                Assert.Matches("^\\*\\*(✅|❌)\\*\\*$", value);
            }
        }
    }

    private static void AssertOptional(ReceivedEmbed embed, string name, string? expected)
    {
        if (!string.IsNullOrEmpty(expected))
        {
            Assert.Equal("**" + expected + "**", embed.Field(name));
        }
    }
}
