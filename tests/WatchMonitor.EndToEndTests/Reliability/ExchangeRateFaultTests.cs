using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// The exchange-rate API failing or lying (issue 6.1): Tropical Watch still alerts, in dollars rather than at a
/// wrong or stale rate, a warning says what to check, no site fails, and once the API answers properly the next
/// dollar price is converted again. Nothing is alerted twice.
/// </summary>
public sealed class ExchangeRateFaultTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string Tropical = "tropicalwatch";

    private static readonly Dictionary<string, (Fault Fault, string Reason)> Faults = new(StringComparer.Ordinal)
    {
        ["500"] = (Fault.Status(500), "answered 500"),
        ["invalid JSON"] = (Fault.InvalidJson(), "not JSON"),
        ["no EUR rate"] = (Fault.Status(200, body: """{"base":"USD","rates":{"USD":1,"GBP":0.79}}"""), "no plausible rates.EUR"),
        ["implausible rate"] = (Fault.Status(200, body: """{"base":"USD","rates":{"USD":1,"EUR":920}}"""), "no plausible rates.EUR"),
        ["expired answer"] = (Fault.ExpiredExchangeRate(TimeSpan.FromDays(30)), "expired"),
        ["50 MB answer"] = (Fault.Oversized(50L * 1024 * 1024), "larger than"),
        ["timeout"] = (Fault.Delayed(TimeSpan.FromMinutes(10)), "timed out"),
    };

    // The exchange-rate API waits on this clock, and so does the monitor's request timeout.
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    public static TheoryData<string> FaultNames => [.. Faults.Keys];

    protected override FakeSitesOptions ServerOptions => new() { TimeProvider = _time };

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task RunCycle_ExchangeRateFault_DollarPriceShownWarningLoggedThenConvertedAgain(string name)
    {
        var (fault, reason) = Faults[name];
        var server = Harness.Server;
        await using (var cold = Harness.StartMonitor())
        {
            Assert.True((await cold.RunCycleAsync()).AllSucceeded);
        }

        // One site at a time: while the rate request hangs, no page is in flight for the advance to time out.
        await using var monitor = Harness.StartMonitor([new("REQUEST_TIMEOUT", "60"), new("MAX_CONCURRENT_SCRAPERS", "1")], MonitorHarness.UseClock(_time));
        server.Faults.Add(FaultRoute.ExchangeRate, fault);
        var first = server.Sites.ToDictionary(site => site.Key, site => site.Add(), StringComparer.Ordinal);

        var cycle = monitor.RunCycleAsync();
        if (fault.Kind == FaultKind.Delay)
        {
            await server.Faults.WaitForHoldsAsync(1);
            _time.Advance(TimeSpan.FromSeconds(60));
        }

        var report = await cycle;

        Assert.True(report.AllSucceeded);
        foreach (var site in server.Sites)
        {
            Assert.Equal(server.ExpectListing(site.Key, first[site.Key])!.Url, Assert.Single(server.Discord.Webhook(site.Key).Embeds).Url);
        }

        var dollars = Assert.Single(server.Discord.Webhook(Tropical).Embeds);
        Assert.Equal("**" + Prices.Dollar(first[Tropical].Price!.Value) + "**", dollars.Field("💰 Price:"));
        var warning = Assert.Single(Harness.Logs.Matching(LogLevel.Warning, "No usable USD→EUR rate"));
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Contains("EXCHANGE_RATE_API_URL", warning.Message, StringComparison.Ordinal);

        server.Faults.Clear();
        var second = server.Site(Tropical).Add();
        Assert.True((await monitor.RunCycleAsync()).AllSucceeded);

        var euros = server.Discord.Webhook(Tropical).Embeds;
        Assert.Equal(2, euros.Count);
        Assert.Equal(server.ExpectListing(Tropical, second)!.Url, euros[1].Url);
        Assert.Equal("**" + Prices.Euro(second.Price!.Value * server.ExchangeRate.EurRate) + "**", euros[1].Field("💰 Price:"));
        Assert.Equal(7, server.Discord.TotalAccepted);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {warning.Message}"));
    }
}
