using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.Currency;
using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Currency;

public sealed class ExchangeRateProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"date":"2026-11-29","time_last_updated":1795910400,"rates":{"EUR":0.92}}""", "2026-11-29T00:00:00+00:00")]
    [InlineData("""{"date":"2026-10-01","rates":{"EUR":0.92}}""", "2026-10-01T00:00:00+00:00")]
    [InlineData("""{"rates":{"EUR":0.92}}""", null)]
    [InlineData("""{"date":"yesterday","rates":{"EUR":0.92}}""", null)]
    [InlineData("""[1,2]""", null)]
    [InlineData("""{"rates":""", null)]
    public void AnswerDate_ReadsTimeLastUpdatedThenDate(string body, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ExchangeRateProvider.AnswerDate(body));

    [Theory]
    [InlineData("2026-11-28", 0.92)]
    [InlineData("2026-11-27", 0.92)]
    [InlineData("2026-10-29", null)]
    public async Task GetUsdToEurAsync_AnswerDatedBeyondMaxAgePlusADay_IsNotUsed(string date, double? expected)
    {
        var provider = new ExchangeRateProvider(
            new StubFetcher($$$"""{"base":"USD","date":"{{{date}}}","rates":{"EUR":0.92}}"""),
            new MonitorOptions(),
            new FakeTimeProvider(Now),
            NullLogger<ExchangeRateProvider>.Instance);

        Assert.Equal((decimal?)expected, await provider.GetUsdToEurAsync(CancellationToken.None));
    }

    private sealed class StubFetcher(string body) : IPageFetcher
    {
        public Task<string> GetStringAsync(string url, CancellationToken cancellationToken) => Task.FromResult(body);
    }
}
