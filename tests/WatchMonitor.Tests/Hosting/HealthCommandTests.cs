using System.CommandLine;
using WatchMonitor.Cli;
using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Tests.Hosting;

public sealed class HealthCommandTests
{
    [Theory]
    [InlineData(HealthStatus.Healthy, 0)]
    [InlineData(HealthStatus.Degraded, 1)]
    [InlineData(HealthStatus.Unhealthy, 2)]
    public async Task Health_RunningMonitor_ExitCodeFollowsStatus(HealthStatus status, int expected)
    {
        await using var server = await HealthTestServer.StartAsync();
        server.Source.Snapshot = FakeHealthSource.Create(status);

        var (code, output, error) = await InvokeAsync("health", "--url", server.BaseAddress.ToString());

        Assert.Equal(expected, code);
        Assert.StartsWith($"Status: {status}\n", output, StringComparison.Ordinal);
        Assert.Contains("grimmeissen", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Health_ClosedPort_ExitsTwoWithReason()
    {
        var port = HealthEndpointsTests.FreePort();

        var (code, output, error) = await InvokeAsync("health", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: cannot reach http://127.0.0.1:{port}/health: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NotAHealthEndpoint_ExitsTwo()
    {
        await using var server = await HealthTestServer.StartAsync();

        var (code, _, error) = await InvokeAsync("health", "--url", new Uri(server.BaseAddress, "/elsewhere").ToString());

        Assert.Equal(2, code);
        Assert.Equal($"error: {new Uri(server.BaseAddress, "/elsewhere/health")} answered HTTP 404; is it a watchmon health endpoint?\n", error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8765", "http://127.0.0.1:8765/health")]
    [InlineData("http://127.0.0.1:8765/health", "http://127.0.0.1:8765/health")]
    [InlineData("http://0.0.0.0:9000/", "http://127.0.0.1:9000/health")]
    [InlineData("http://[::]:9000", "http://[::1]:9000/health")]
    [InlineData("http://monitor.lan:9000/watchmon", "http://monitor.lan:9000/watchmon/health")]
    public void ResolveUrl_Given_PointsAtHealth(string url, string expected)
    {
        Assert.Equal(expected, HealthCommand.ResolveUrl(url, out _)?.ToString());
    }

    [Fact]
    public void WriteSummary_Degraded_PinnedText()
    {
        var snapshot = FakeHealthSource.Create(HealthStatus.Degraded) with { Reasons = ["grimmeissen: failing (4 in a row)", "grimmeissen: webhook stopped"] };
        using var output = new StringWriter { NewLine = "\n" };

        HealthCommand.WriteSummary(output, snapshot, FakeHealthSource.At.AddMinutes(3));

        Assert.Equal(
            """
            Status: Degraded
              - grimmeissen: failing (4 in a row)
              - grimmeissen: webhook stopped
            Memory: 152 MB resident, 42 MB managed (warning 400 MB, critical 500 MB)
            Last cycle: ended 2026-03-01 12:00:30Z (2 min ago), took 30.0 s, 2 new, 1 failed site(s); 7 cycle(s) since start
            Outbox: 3 message(s) waiting
              grimmeissen        FAILING x4     0 listings, last success 2026-03-01 11:40:00Z (23 min ago); webhook stopped; timed out
              worldoftime        ok            40 listings, last success 2026-03-01 12:00:00Z (3 min ago)

            """.ReplaceLineEndings("\n"),
            output.ToString());
    }

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var root = new RootCommand { HealthCommand.Create(output, error) };

        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        return (code, output.ToString(), error.ToString());
    }
}
