using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Maintenance;

namespace WatchMonitor.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>The three state files, each bounded by its MonitorOptions cap, plus their cleanup steps.</summary>
    public static IServiceCollection AddWatchMonitorState(this IServiceCollection services, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<AtomicFileWriter>();
        services.AddSingleton<StateFileQuarantine>();
        services.AddSingleton(provider => new SeenStore(
            options.SeenWatchesFile,
            provider.GetRequiredService<AtomicFileWriter>(),
            provider.GetRequiredService<StateFileQuarantine>(),
            provider.GetRequiredService<ILogger<SeenStore>>(),
            options.MaxSeenItemsPerSite));
        services.AddSingleton(provider => new SessionHistoryStore(
            options.SessionHistoryFile,
            provider.GetRequiredService<AtomicFileWriter>(),
            provider.GetRequiredService<StateFileQuarantine>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SessionHistoryStore>>(),
            options.MaxSessionHistoryEntries,
            options.SessionHistoryRetentionDays));
        services.AddSingleton(provider => new Outbox(
            options.ResolvedOutboxFile,
            provider.GetRequiredService<AtomicFileWriter>(),
            provider.GetRequiredService<StateFileQuarantine>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<Outbox>>(),
            options.MaxOutboxEntries));
        services.AddSingleton<ICleanupStep, SessionHistoryCleanupStep>();
        services.AddSingleton<ICleanupStep, SeenStoreCleanupStep>();
        return services;
    }
}
