using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>
/// One "process" of the monitor: the real host with its delivery loops running, driven a cycle at a time as
/// <c>watchmon once</c> does.
/// </summary>
public sealed class MonitorInstance(IHost host) : IAsyncDisposable
{
    /// <summary>The longest a cycle may take before the test gives up on it.</summary>
    public static readonly TimeSpan CycleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>On the system clock: how far ahead a delivery may be due and still be waited for after a cycle.</summary>
    public static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(20);

    private bool _started;
    private bool _disposed;

    public IServiceProvider Services => host.Services;

    public CycleRunner Runner => Services.GetRequiredService<CycleRunner>();

    public DestinationBoard Destinations => Services.GetRequiredService<DestinationBoard>();

    /// <summary>One cycle, then the delivery it queued: returns once every destination has nothing due (see <see cref="DeliverAsync"/>).</summary>
    public async Task<CycleReport> RunCycleAsync(CancellationToken cancellationToken = default)
    {
        var report = await ScanAsync(cancellationToken);
        await DeliverAsync(cancellationToken: cancellationToken);
        return report;
    }

    /// <summary>One cycle only: the delivery loops go on beside it.</summary>
    public async Task<CycleReport> ScanAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CycleTimeout);
        return await Runner.RunOnceAsync(timeout.Token);
    }

    /// <summary>
    /// Waits until the destinations (all, or <paramref name="only"/>) have nothing due: on a fake clock nothing due
    /// now (time moves only when the test advances it), on the system clock nothing due within <see cref="DeliveryWait"/>.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyCollection<string>? only = null, CancellationToken cancellationToken = default)
    {
        await StartAsync();
        var clock = Services.GetRequiredService<TimeProvider>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CycleTimeout);
        var wait = clock is FakeTimeProvider ? TimeSpan.Zero : DeliveryWait;
        await Destinations.WaitUntilSettledAsync(wait, clock, timeout.Token, only);
    }

    /// <summary>Starts the delivery loops (the host's other services stay the test's to start); the first cycle does it when the test did not.</summary>
    public async Task StartAsync()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await Services.GetRequiredService<DeliveryService>().StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the delivery loops, e.g. before another "process" works on the same state directory.</summary>
    public async Task StopDeliveryAsync()
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        using var stop = new CancellationTokenSource(CycleTimeout);
        await Services.GetRequiredService<DeliveryService>().StopAsync(stop.Token);
    }

    /// <summary>The process ends without writing anything more (a crash, a kill, a power cut); the loops stop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopDeliveryAsync();

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
