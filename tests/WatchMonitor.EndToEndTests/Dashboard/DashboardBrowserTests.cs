using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Hosting;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Dashboard;

/// <summary>
/// Issue 14: the dashboard in a real browser, against the real monitor on the fake dealers. Filter and search are
/// query strings the page's form submits, so loading those URLs is what a user's click does.
/// </summary>
public sealed partial class DashboardBrowserTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string Token = "dashboard-test-token-0123456789";
    private const string XssModel = "Tank <img src=x onerror=alert(1)><script>alert(2)</script>";

    [ChromiumFact]
    public async Task Page_InHeadlessChromium_ShowsEverySiteTheLatestListingsAndTheMemoryChart_AndFiltersAndSearches()
    {
        var server = Harness.Server;
        var health = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Health:Url", "http://127.0.0.1:0"),
            new("HEALTH_ENABLED", "true"),
            new("Health:AccessToken", Token),
        ]).Build();
        await using var monitor = Harness.StartMonitor(
            [new("MEMORY_WARNING_THRESHOLD_MB", "3000"), new("MEMORY_CRITICAL_THRESHOLD_MB", "4000")],
            services => services.AddHealthEndpoints(health));
        await monitor.RunCycleAsync();
        var grimmeissen = server.Site("grimmeissen");
        var xss = grimmeissen.Add(grimmeissen.Listings[0] with { Brand = "Cartier", Model = XssModel });
        var repriced = server.Site("worldoftime").Listings[2];
        server.Site("worldoftime").Reprice(repriced.Id, repriced.Price!.Value + 1_500m);
        foreach (var site in server.Sites)
        {
            site.Add();
        }

        await monitor.RunCycleAsync();
        await monitor.RunCycleAsync();

        var endpoints = monitor.Services.GetRequiredService<HealthEndpoints>();
        await endpoints.StartAsync(CancellationToken.None);
        try
        {
            var address = Assert.Single(endpoints.Addresses);
            using var browser = new HeadlessChromium(HeadlessChromium.Find()!);

            // Without the token the browser gets the refusal; with it once, a cookie and the page.
            var (refused, _) = await browser.DumpDomAsync(address);
            Assert.Contains("asks for its access token", refused, StringComparison.Ordinal);

            var (page, elapsed) = await browser.DumpDomAsync(new Uri(address, "/?token=" + Token));
            var (weight, serverTime) = await FetchAsync(address);
            Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dashboard: {weight / 1024.0:F1} KB, served in {serverTime.TotalMilliseconds:F0} ms, headless Chromium load and render {elapsed.TotalMilliseconds:F0} ms"));

            foreach (var site in server.Sites)
            {
                Assert.Matches($"<tr class=\"site\" data-site=\"{site.Key}\">", page);
            }

            var rows = ListingRows().Matches(page);
            Assert.True(rows.Count >= server.Sites.Count, $"{rows.Count} listing rows");
            Assert.Equal(server.Sites.Select(site => site.Key).Order(), rows.Select(row => row.Groups["site"].Value).Distinct().Order());
            Assert.Contains("<img class=\"thumb\"", page, StringComparison.Ordinal);
            Assert.Matches("<svg class=\"prices\"[^>]*>.*?<polyline", page);
            Assert.Contains("class=\"badge a-delivered\"", page, StringComparison.Ordinal);

            // The dealer's markup is text on the page: no element came of it, no script ran.
            Assert.Contains("Tank &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=\"x\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);

            var chart = MemoryChartPoints().Match(page);
            Assert.True(chart.Success, "the memory chart has a resident line");
            Assert.Equal(3, chart.Groups["points"].Value.Split(' ').Length);
            Assert.Contains("id=\"warning-threshold\"", page, StringComparison.Ordinal);
            Assert.Contains("id=\"critical-threshold\"", page, StringComparison.Ordinal);
            Assert.Contains("3 cycles today", page, StringComparison.Ordinal);

            // Filter: the token is swapped for the cookie, and the redirect keeps the filter.
            var (filtered, _) = await browser.DumpDomAsync(new Uri(address, "/?site=juwelier_exchange&token=" + Token));
            var filteredRows = ListingRows().Matches(filtered);
            Assert.NotEmpty(filteredRows);
            Assert.All(filteredRows, row => Assert.Equal("juwelier_exchange", row.Groups["site"].Value));
            Assert.Contains("<option value=\"juwelier_exchange\" selected=\"\">", filtered, StringComparison.Ordinal);

            var (searched, _) = await browser.DumpDomAsync(new Uri(address, "/?q=onerror&token=" + Token));
            var found = Assert.Single(ListingRows().Matches(searched));
            Assert.Equal("grimmeissen", found.Groups["site"].Value);
            Assert.Contains("value=\"onerror\"", searched, StringComparison.Ordinal);

            var (nothing, _) = await browser.DumpDomAsync(new Uri(address, "/?q=no-such-watch-anywhere&token=" + Token));
            Assert.Empty(ListingRows().Matches(nothing));
            Assert.Contains("No listings match.", nothing, StringComparison.Ordinal);

            var screenshot = Path.Combine(ScreenshotDirectory(), "dashboard.png");
            await browser.ScreenshotAsync(new Uri(address, "/?token=" + Token), screenshot, 1280, 2400);
            Output.WriteLine($"screenshot: {screenshot} ({new FileInfo(screenshot).Length / 1024} KB)");
            Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot shows more than an empty page");
            Assert.NotNull(xss);
        }
        finally
        {
            await endpoints.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<(long Bytes, TimeSpan Elapsed)> FetchAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        var started = Stopwatch.GetTimestamp();
        var bytes = await http.GetByteArrayAsync(new Uri("/", UriKind.Relative));
        return (bytes.Length, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>TestResults/ at the repository root when the tests run from it, else beside the test assembly.</summary>
    private static string ScreenshotDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WatchMonitor.slnx")))
            {
                return Directory.CreateDirectory(Path.Combine(directory.FullName, "TestResults")).FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    [GeneratedRegex("<tr class=\"listing\" data-site=\"(?<site>[a-z_]+)\">")]
    private static partial Regex ListingRows();

    [GeneratedRegex("<polyline id=\"resident\"[^>]*points=\"(?<points>[^\"]+)\"")]
    private static partial Regex MemoryChartPoints();
}
