using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Dashboard;
using WatchMonitor.Diagnostics;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.Dashboard;

public sealed class DashboardPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_DealerStringsWithMarkup_EncodesThemAndLinksOnlyHttp()
    {
        var row = new ListingRow(
            "grimmeissen", "gr-1", "<script>alert('x')</script> \"Tank\" & co", "javascript:alert(1)", 9_500m, "EUR",
            Now, Now, null, null, 0, "queued", "https://img.example/a.jpg\" onerror=\"alert(2)");
        var page = Render(View([new ListingView(row, [new PricePoint(Now, 9_500m)])]));

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;Tank&quot; &amp; co", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", page, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror=\"", page, StringComparison.Ordinal);
        Assert.Contains("src=\"https://img.example/a.jpg%22%20onerror=%22alert(2)\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PriceChanges_DrawsASparklineAndTheMemoryChartWithThresholds()
    {
        var row = new ListingRow("worldoftime", "w-1", "Rolex Submariner", "https://dealer.example/w-1", 9_000m, "EUR", Now.AddHours(-5), Now, null, 10_000m, 2, "delivered");
        IReadOnlyList<PricePoint> prices = [new(Now.AddHours(-5), 10_000m), new(Now.AddHours(-3), 9_500m), new(Now.AddHours(-1), 9_000m)];
        var view = View([new ListingView(row, prices)]) with
        {
            Memory = [new CycleReading(Now.AddHours(-2), 120.5, 3.2), new CycleReading(Now.AddHours(-1), null, 3.1), new CycleReading(Now.AddMinutes(-5), 125, 2.9)],
            CyclesToday = 3,
        };

        var page = Render(view);

        Assert.Contains("<svg class=\"prices\"", page, StringComparison.Ordinal);
        Assert.Contains("<title>10,000 &#x2192; 9,500 &#x2192; 9,000</title>", page, StringComparison.Ordinal);
        Assert.Matches("<polyline id=\"resident\"[^>]*points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+\"", page);
        Assert.Contains("id=\"warning-threshold\"", page, StringComparison.Ordinal);
        Assert.Contains(">warning 400 MB<", page, StringComparison.Ordinal);
        Assert.Contains(">critical 500 MB<", page, StringComparison.Ordinal);
        Assert.Contains("3 cycles today", page, StringComparison.Ordinal);
        Assert.Contains("last cycle took 30.0 s", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Page_HasNoExternalAssetAndItsScriptMatchesThePolicy()
    {
        var page = Render(View([]));

        Assert.DoesNotContain("<link", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", page, StringComparison.Ordinal);
        var script = page[(page.IndexOf("<script>", StringComparison.Ordinal) + 8)..page.IndexOf("</script>", StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'sha256-{hash}'", DashboardPage.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("No listings match.", page, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSitesAndListings_View_WritesTheDocumentedKeys()
    {
        var row = new ListingRow("worldoftime", "w-1", "Rolex", "https://dealer.example/w-1", 9_000m, "EUR", Now, Now, null, null, 0, "delivered", "https://dealer.example/w-1.jpg");
        var view = View([new ListingView(row, [new PricePoint(Now, 9_000m)])]);

        using var sites = JsonDocument.Parse(Json(json => DashboardJson.WriteSites(json, view)));
        using var listings = JsonDocument.Parse(Json(json => DashboardJson.WriteListings(json, view)));

        Assert.Equal(["status", "cycles", "cyclesToday", "lastCycle", "memory", "sites"], sites.RootElement.EnumerateObject().Select(property => property.Name));
        var site = sites.RootElement.GetProperty("sites")[0];
        Assert.Equal(["key", "status", "lastSuccessAt", "listingsLastScan", "consecutiveFailures", "suspectedLayoutChange", "lastError", "destination"], site.EnumerateObject().Select(property => property.Name));
        Assert.Equal("Waiting", site.GetProperty("destination").GetProperty("state").GetString());
        var listing = listings.RootElement[0];
        Assert.Equal(
            ["site", "id", "title", "url", "image", "price", "currency", "firstSeen", "lastSeen", "removedAt", "previousPrice", "priceChanges", "alert", "priceHistory"],
            listing.EnumerateObject().Select(property => property.Name));
        Assert.Equal(9000, listing.GetProperty("price").GetDecimal());
    }

    [Fact]
    public void Describe_Settings_MasksWebhooksTheRateUrlAndTheToken()
    {
        var settings = MonitorSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("WORLDOFTIME_WEBHOOK_URL", "https://discord.com/api/webhooks/123456789012345678/Secret-Token_value"),
            new("EXCHANGE_RATE_API_URL", "https://v6.exchangerate-api.com/v6/KEY-123456/latest/USD"),
        ]).Build());
        var health = new HealthOptions { AccessToken = "the-access-token-value" };

        var entries = EffectiveConfiguration.Describe(settings.Options, new MemoryOptions(), health, settings.Sites);
        var text = string.Join("\n", entries.Select(entry => entry.Key + "=" + entry.Value));

        Assert.DoesNotContain("Secret-Token_value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789012345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY-123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the-access-token-value", text, StringComparison.Ordinal);
        Assert.Contains("WORLDOFTIME_WEBHOOK_URL=https://discord.com/api/webhooks/1234…/***", text, StringComparison.Ordinal);
        Assert.Contains("Health:AccessToken=(set)", text, StringComparison.Ordinal);
    }

    private static DashboardView View(IReadOnlyList<ListingView> listings)
    {
        var snapshot = new HealthSnapshot(
            HealthStatus.Healthy,
            [],
            new MemoryHealth(120, 30, 400, 500, false),
            new CycleHealth(Now.AddSeconds(-30), Now, 30, 1, 0),
            7,
            0,
            new Dictionary<string, SiteHealth>(StringComparer.Ordinal) { ["worldoftime"] = new(Now, 0, 40, false, false) },
            new Dictionary<string, DestinationHealth>(StringComparer.Ordinal) { ["worldoftime"] = new(DestinationState.Waiting, 1, 0, Now.AddMinutes(1), null, Now, 4, 0) });
        return new DashboardView(
            Now,
            snapshot,
            [new SiteView("worldoftime", snapshot.Sites["worldoftime"], snapshot.Destinations!["worldoftime"])],
            ListingFilter.Parse(null, null, null),
            listings,
            [],
            0,
            [new ConfigurationEntry("CHECK_INTERVAL_SECONDS", "300")],
            null);
    }

    private static string Render(DashboardView view)
    {
        var page = new StringBuilder();
        DashboardPage.Write(page, view);
        return page.ToString();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
