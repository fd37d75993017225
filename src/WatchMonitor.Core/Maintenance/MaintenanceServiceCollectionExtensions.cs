using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WatchMonitor.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    /// <summary>Registers the cleanup runner and the periodic cleanup; steps run in registration order.</summary>
    public static IServiceCollection AddWatchMonitorMaintenance(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CleanupRunner>();
        services.AddSingleton<PeriodicCleanup>();
        return services;
    }
}
