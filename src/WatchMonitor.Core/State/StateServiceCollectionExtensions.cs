using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Maintenance;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>The state database (STATE_DATABASE) with its tables, each bounded by its MonitorOptions cap, import, export and cleanup.</summary>
    public static IServiceCollection AddWatchMonitorState(this IServiceCollection services, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<AtomicFileWriter>();
        services.AddSingleton(provider => new StateDatabase(options.StateDatabase, provider.GetRequiredService<ILogger<StateDatabase>>()));
        services.AddSingleton(provider =>
        {
            var database = provider.GetRequiredService<StateDatabase>();
            return new SqliteOutbox(database, provider.GetRequiredService<TimeProvider>(), options.MaxOutboxEntries, ClaimsFor(options, database));
        });
        services.AddSingleton<IDeliveryOutbox>(provider => provider.GetRequiredService<SqliteOutbox>());
        services.AddSingleton(provider => new SeenListings(
            provider.GetRequiredService<StateDatabase>(), provider.GetRequiredService<SqliteOutbox>(), options.MaxSeenItemsPerSite));
        services.AddSingleton(provider => new SessionHistory(
            provider.GetRequiredService<StateDatabase>(), provider.GetRequiredService<TimeProvider>(), options.MaxSessionHistoryEntries, options.SessionHistoryRetentionDays));
        services.AddSingleton<DigestEntries>();
        services.AddSingleton<SiteLeases>();
        services.AddSingleton<StateImporter>();
        services.AddSingleton<StateInitializer>();
        services.AddSingleton<StateExporter>();
        services.AddSingleton<ListingQuery>();
        services.AddSingleton<ExchangeRateStore>();
        services.AddSingleton<ICleanupStep, StateCleanupStep>();
        return services;
    }

    // Other instances share only a PostgreSQL database; an idle worker there looks again twice per lease.
    private static OutboxClaims ClaimsFor(MonitorOptions options, StateDatabase database) => new(
        options.ResolvedInstanceName,
        OutboxClaims.DurationFor(options.LeaseDuration, options.RequestTimeout),
        database.IsPostgres ? options.LeaseDuration / 2 : null);
}
