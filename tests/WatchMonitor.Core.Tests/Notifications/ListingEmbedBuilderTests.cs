using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Listings;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Notifications;

public sealed class ListingEmbedBuilderTests
{
    private static readonly DateTimeOffset Detected = new(2026, 3, 1, 11, 30, 5, TimeSpan.Zero);

    private static ListingEmbedBuilder Builder()
    {
        var time = new FakeTimeProvider(Detected);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return new ListingEmbedBuilder(time);
    }

    private static Listing Rolex() => new()
    {
        SiteKey = "grimmeissen",
        Url = "https://www.grimmeissen.de/de/uhren/rolex-submariner",
        Title = "Rolex Submariner Date",
        Brand = "Rolex",
        Model = "Rolex Submariner Date",
        Reference = "116610LN",
        Price = 12500m,
        PriceDisplay = "€12.500",
        ImageUrl = "https://www.grimmeissen.de/img/1.jpg",
        Year = "2019",
        Condition = "★★★★☆",
        HasBox = true,
        HasPapers = false,
        CaseMaterial = "Steel",
        Diameter = "40 mm",
        DetectedAt = Detected,
    };

    [Fact]
    public void BuildNewListing_FullListing_FollowsSitesSection5()
    {
        var embed = Builder().BuildNewListing(Rolex(), SiteCatalog.Grimmeissen);

        Assert.Equal("Rolex Submariner Date | 116610LN", embed.Title);
        Assert.Equal("https://www.grimmeissen.de/de/uhren/rolex-submariner", embed.Url);
        Assert.Equal(14329120, embed.Color);
        Assert.Equal("Grimmeissen - Detected: 2026-03-01 11:30:05", embed.Footer!.Text);
        Assert.Equal("https://www.grimmeissen.de/img/1.jpg", embed.Image!.Url);
        Assert.Null(embed.Description);
        Assert.Equal(
            [
                ("💰 Price:", "**€12.500**", false),
                ("🔍 Chrono24 Search:", "[**Search similar**](https://www.chrono24.de/search/index.htm?dosearch=true&query=Rolex+Submariner+Date+116610LN&sortorder=1)", false),
                ("\u200B", "\u200B", false),
                ("🗓️ Year:", "**2019**", true),
                ("⭐ Condition:", "**★★★★☆**", true),
                ("📦 Box:", "**✅**", true),
                ("📄 Papers:", "**❌**", true),
                ("🔩 Case Material:", "**Steel**", true),
                ("📏 Diameter:", "**40 mm**", true),
            ],
            embed.Fields.Select(field => (field.Name, field.Value, field.Inline)));
    }

    [Fact]
    public void BuildNewListing_BareListing_ShowsQuestionMarkAndNoImage()
    {
        var listing = new Listing { SiteKey = "juwelier_exchange", Url = "https://x/1", DetectedAt = Detected };

        var embed = Builder().BuildNewListing(listing, SiteCatalog.JuwelierExchange);

        Assert.Equal("Unknown Watch", embed.Title);
        Assert.Null(embed.Image);
        Assert.Equal("**❓**", embed.Fields[0].Value);
        Assert.Equal(3, embed.Fields.Count);
    }

    [Theory]
    [InlineData("Omega Speedmaster Automatik", "Omega Speedmaster")]
    [InlineData("Rolex Datejust Certified Pre-Owned", "Rolex Datejust")]
    [InlineData("Tudor Black Bay GMT", "Tudor Black Bay")]
    // Python monitor defect 12 (docs/python-monitor.md): no word boundary in the Python monitor; "Update" keeps its "Date".
    [InlineData("Sinn Update", "Sinn Update")]
    [InlineData("Automatik", "Unknown Watch")]
    public void Title_NoBrandOrModel_StripsOneTrailingSuffix(string recordTitle, string expected)
    {
        var listing = new Listing { SiteKey = "rueschenbeck", Url = "https://x/2", Title = recordTitle };

        Assert.Equal(expected, ListingEmbedBuilder.Title(listing));
    }

    [Fact]
    public void Title_Longer250_CutsWithEllipsis()
    {
        var listing = new Listing { SiteKey = "x", Url = "https://x/3", Brand = new string('A', 300) };

        var title = ListingEmbedBuilder.Title(listing);

        Assert.Equal(253, title.Length);
        Assert.EndsWith("...", title, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildPriceChange_NewAndRemovedPrice_DescribesChange()
    {
        var builder = Builder();
        var listing = Rolex();

        Assert.Equal("Price changed: €13.000 → €12.500", builder.BuildPriceChange(listing, SiteCatalog.Grimmeissen, "€13.000").Description);

        listing.Price = null;
        listing.PriceDisplay = null;
        Assert.Equal("Sold / price on request (was €13.000)", builder.BuildPriceChange(listing, SiteCatalog.Grimmeissen, "€13.000").Description);
    }

    [Fact]
    public void BuildNewListing_HugeValues_StaysWithinDiscordLimits()
    {
        var listing = Rolex();
        listing.CaseMaterial = new string('x', 5000);
        listing.Reference = null;

        var embed = Builder().BuildNewListing(listing, SiteCatalog.Grimmeissen);

        Assert.All(embed.Fields, field => Assert.True(field.Value.Length <= DiscordLimits.FieldValueLength));
        Assert.True(embed.Title!.Length <= DiscordLimits.TitleLength);
    }
}
