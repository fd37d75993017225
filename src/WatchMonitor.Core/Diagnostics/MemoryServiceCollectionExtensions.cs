using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Diagnostics;

public static class MemoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers memory monitoring, the pressure policy, degraded mode, profiling, the JSON report and
    /// <see cref="MemoryGovernor"/>. Needs <see cref="MaintenanceServiceCollectionExtensions.AddWatchMonitorMaintenance"/> for the cleanup; each feature
    /// that can give memory back adds its own <see cref="ICleanupStep"/>.
    /// </summary>
    public static IServiceCollection AddWatchMonitorMemory(this IServiceCollection services, MemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IProcessMemoryReader, ProcessMemoryReader>();
        services.AddSingleton<MemoryMonitor>();
        services.AddSingleton<MemoryPressurePolicy>();
        services.AddSingleton<DegradationController>();
        services.AddSingleton<MemoryProfiler>();
        services.AddSingleton<MemoryReport>();
        services.AddSingleton<MemoryGovernor>();
        // Registered after the stores' steps, so the pages they free are returned too.
        services.AddSingleton<ICleanupStep, NativeHeapTrimStep>();
        return services;
    }
}
