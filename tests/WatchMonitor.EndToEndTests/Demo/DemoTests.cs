using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using WatchMonitor.Cli;
using WatchMonitor.Demo;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Demo;

/// <summary>
/// <c>watchmon demo</c>'s composition, in process: the real loop against the invented dealers alerts a watch listed
/// after the baseline, to the log and into the database, with no configuration and nothing sent anywhere.
/// </summary>
public sealed class DemoTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("watchmon-demo-test-").FullName;
    private readonly LogRecorder _logs = new(output);

    [Fact]
    public async Task Demo_FreshStart_BaselinesEverySiteThenAlertsAnArrivalToTheLogAndTheDatabase()
    {
        await using var dealers = await DemoDealers.StartAsync();
        var settings = DemoSetup.Settings(dealers, _stateDirectory);
        // The test host's own footprint is not the monitor's: keep the memory governor out of the way.
        settings["MEMORY_WARNING_THRESHOLD_MB"] = "60000";
        settings["MEMORY_CRITICAL_THRESHOLD_MB"] = "65000";
        var builder = WatchmonHost.CreateBuilder(new RunSettings(), settings, userConfiguration: false);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_logs);
        RunCommands.AddContinuous(builder.Services, builder.Configuration, services => DemoSetup.AddDemo(services, dealers, _stateDirectory));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(Patience);

        await host.StartAsync(timeout.Token);
        await _logs.WaitForMatchesAsync(LogLevel.Information, "(logged, not posted", cancellationToken: timeout.Token);
        await host.StopAsync(CancellationToken.None);

        Assert.Equal(6, _logs.Matching(LogLevel.Information, "without alerting (baseline)").Count);
        var dashboard = Assert.Single(_logs.Matching(LogLevel.Information, "Demo dashboard: "));
        Assert.Matches(@"Demo dashboard: http://127\.0\.0\.1:\d+/$", dashboard.Message);
        var alert = _logs.Matching(LogLevel.Information, "(logged, not posted")[0];
        var url = Regex.Match(alert.Message, Regex.Escape(dealers.BaseUrl) + @"/\S+").Value;
        Assert.NotEmpty(url);
        Assert.Equal(1L, CountListings(url));
        Assert.Empty(_logs.UnexpectedErrors());
        Assert.Empty(_logs.Matching(LogLevel.Warning, ""));
        Assert.All(dealers.Sites, site => Assert.InRange(site.Count, 1, DemoDealers.MaxListingsPerDealer));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_stateDirectory, recursive: true);
    }

    private long CountListings(string url)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_stateDirectory, "watchmon.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM listing WHERE url = $url;";
        command.Parameters.AddWithValue("$url", url);
        return (long)command.ExecuteScalar()!;
    }
}
