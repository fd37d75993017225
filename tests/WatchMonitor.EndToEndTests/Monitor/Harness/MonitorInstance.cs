using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WatchMonitor.Monitoring;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>One "process" of the monitor: the real host, driven a cycle at a time as <c>watchmon once</c> does.</summary>
public sealed class MonitorInstance(IHost host) : IAsyncDisposable
{
    /// <summary>The longest a cycle may take before the test gives up on it.</summary>
    public static readonly TimeSpan CycleTimeout = TimeSpan.FromSeconds(30);

    private bool _disposed;

    public IServiceProvider Services => host.Services;

    public CycleRunner Runner => Services.GetRequiredService<CycleRunner>();

    public async Task<CycleReport> RunCycleAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CycleTimeout);
        return await Runner.RunOnceAsync(timeout.Token);
    }

    /// <summary>The process ends without writing anything more (a crash, a kill, a power cut).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
