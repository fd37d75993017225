using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WatchMonitor.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the cleanup runner and the periodic cleanup. Each feature that can give memory back adds its
    /// step with <c>services.AddSingleton&lt;ICleanupStep, TStep&gt;()</c>; they run in registration order.
    /// </summary>
    public static IServiceCollection AddWatchMonitorMaintenance(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CleanupRunner>();
        services.AddSingleton<PeriodicCleanup>();
        return services;
    }
}
