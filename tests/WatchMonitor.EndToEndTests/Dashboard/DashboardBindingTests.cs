using WatchMonitor.EndToEndTests.Reliability;

namespace WatchMonitor.EndToEndTests.Dashboard;

/// <summary>Issue 14: the real executable refuses to serve the dashboard beyond this machine without a token.</summary>
public sealed class DashboardBindingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("watchmon-binding-").FullName;

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    public async Task Run_AllInterfacesWithoutToken_ExitsWith2BeforeAnyCycle(string url)
    {
        var environment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Health:Url"] = url,
            ["STATE_DATABASE"] = Path.Combine(_directory, "watchmon.db"),
            ["SKIP_SITES"] = "worldoftime,grimmeissen,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck",
        };

        var result = await WatchmonProcess.RunAsync(_directory, environment, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Health:Url={url} can be reached from other machines, so the dashboard needs Health__AccessToken", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Cycle done", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "watchmon.db")), "nothing started: no state was created");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
