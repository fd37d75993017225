using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WatchMonitor.Diagnostics;
using WatchMonitor.Maintenance;
using Microsoft.Extensions.Hosting;
using WatchMonitor.Configuration;
using WatchMonitor.Currency;
using WatchMonitor.Dashboard;
using WatchMonitor.Http;
using WatchMonitor.Monitoring;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Monitoring.Leases;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Sites;
using WatchMonitor.State;

namespace WatchMonitor;

public static class WatchMonitorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole monitor. Explicit on purpose (no scanning): a test asserts the set.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">A setting is invalid; the message lists every problem.</exception>
    public static IServiceCollection AddWatchMonitor(this IServiceCollection services, IConfiguration configuration, RunSettings runSettings)
    {
        var settings = MonitorSettings.Load(configuration);
        services.AddSingleton(settings.Options);
        services.AddSingleton(settings.Sites);
        services.AddSingleton(settings.Routes);
        services.AddSingleton(runSettings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(SiteAdapters.CreateAll(settings.Sites));
        var notifications = NotificationOptions.Read(configuration);
        services.AddWatchMonitorHttp(settings.Options, settings.Sites, settings.Routes.Destinations
            .Select(destination => destination.Endpoint?.AbsoluteUri)
            .Append(settings.Routes.Destinations.Any(destination => destination.Kind == DestinationKind.Telegram) ? notifications.TelegramApiUrl.AbsoluteUri : null));
        services.AddWatchMonitorChannels(notifications);
        services.AddSingleton<ExchangeRateProvider>();
        services.AddSingleton<ListingEmbedBuilder>();
        services.AddSingleton<SiteStatusBoard>();
        services.AddSingleton<DeliveryCounters>();
        services.AddWatchMonitorState(settings.Options);
        services.AddWatchMonitorMaintenance();
        services.AddWatchMonitorMemory(settings.Memory);
        services.AddSingleton(provider => new MemoryRestartBudget(
            Path.Combine(settings.Options.StateDirectory, MemoryRestartBudget.FileName),
            provider.GetRequiredService<AtomicFileWriter>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MemoryRestartBudget>>()));
        services.AddWatchMonitorDelivery();
        services.AddSingleton(provider => new AlertMessages(provider.GetRequiredService<StateDatabase>(), provider.GetRequiredService<TimeProvider>()));
        // SQLite state sits behind the state directory's instance lock, so no other process shares it; PostgreSQL is shared.
        services.AddSingleton(new LeaseSettings(settings.Options.ResolvedInstanceName, settings.Options.LeaseDuration, SoleInstance: !settings.Options.UsesPostgres));
        services.AddSingleton<LeaseKeeper>();
        services.AddHostedService<LeaseHeartbeat>();
        services.AddSingleton<SiteScanner>();
        services.AddSingleton<ScanCycle>();
        services.AddSingleton<CycleRunner>();
        services.AddSingleton<WatchMonitor.Notifications.Digests.DigestScheduler>();
        services.AddSingleton<RestartSignal>();
        services.AddSingleton<LayoutAlerts>();
        services.AddSingleton<IMonitorGauges, MonitorGauges>();
        services.AddMonitorHealth(configuration);
        services.AddWatchMonitorDashboard();
        return services;
    }

    /// <summary>Adds the continuous loop of <c>watchmon run</c>.</summary>
    public static IServiceCollection AddMonitorLoop(this IServiceCollection services)
    {
        services.TryAddSingleton<CycleLiveness>();
        return services.AddHostedService<MonitorLoop>();
    }
}
