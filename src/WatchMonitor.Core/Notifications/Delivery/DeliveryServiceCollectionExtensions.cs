using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The per-destination delivery: the board (as <see cref="IDeliveryWaker"/> and <see cref="IDestinationStatus"/>),
    /// and the hosted service that runs one loop per destination.
    /// </summary>
    public static IServiceCollection AddWatchMonitorDelivery(this IServiceCollection services)
    {
        services.AddSingleton(provider => new DestinationBoard(
            provider.GetRequiredService<MonitorOptions>(),
            provider.GetRequiredService<IReadOnlyList<MonitoredSite>>(),
            provider.GetRequiredService<RouteTable>(),
            provider.GetRequiredService<NotificationOptions>()));
        services.AddSingleton<IDeliveryWaker>(provider => provider.GetRequiredService<DestinationBoard>());
        services.AddSingleton<IDestinationStatus>(provider => provider.GetRequiredService<DestinationBoard>());
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryService>());
        return services;
    }
}
