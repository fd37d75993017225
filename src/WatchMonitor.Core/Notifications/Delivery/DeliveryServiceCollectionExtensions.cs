using Microsoft.Extensions.DependencyInjection;

namespace WatchMonitor.Notifications.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The per-destination delivery: the board (as <see cref="IDeliveryWaker"/> and <see cref="IDestinationStatus"/>),
    /// and the hosted service that runs one loop per destination.
    /// </summary>
    public static IServiceCollection AddWatchMonitorDelivery(this IServiceCollection services)
    {
        services.AddSingleton<DestinationBoard>();
        services.AddSingleton<IDeliveryWaker>(provider => provider.GetRequiredService<DestinationBoard>());
        services.AddSingleton<IDestinationStatus>(provider => provider.GetRequiredService<DestinationBoard>());
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryService>());
        return services;
    }
}
