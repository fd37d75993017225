using WatchMonitor.FakeSites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>
/// A fresh harness per test; after the test, an unexpected error log or a leaked webhook secret fails it.
/// </summary>
public abstract class MonitorTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    private MonitorHarness? _harness;

    protected MonitorHarness Harness => _harness ?? throw new InvalidOperationException("The harness starts in InitializeAsync.");

    protected ITestOutputHelper Output => output;

    /// <summary>How the fake sites start; the default is 12 listings per site, seed 42.</summary>
    protected virtual FakeSitesOptions? ServerOptions => null;

    public async Task InitializeAsync() => _harness = await MonitorHarness.StartAsync(output, ServerOptions);

    public async Task DisposeAsync()
    {
        if (_harness is null)
        {
            return;
        }

        await _harness.DisposeAsync();
        _harness.VerifyLogs();
    }
}
