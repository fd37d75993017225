using Microsoft.Extensions.Hosting;

namespace WatchMonitor.Monitoring.Leases;

/// <summary>
/// Runs a lease round every LEASE_SECONDS / 3 between cycles, once the cycle runner ran the first (after the state
/// is loaded), and releases every lease at a graceful stop.
/// </summary>
public sealed class LeaseHeartbeat(LeaseKeeper keeper, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(keeper.Settings.RenewInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (keeper.Joined)
            {
                keeper.Refresh();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        keeper.Stop();
    }
}
