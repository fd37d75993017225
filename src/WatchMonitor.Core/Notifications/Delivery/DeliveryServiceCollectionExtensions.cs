using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.State;

namespace WatchMonitor.Notifications.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The per-destination delivery: the board (as <see cref="IDeliveryWaker"/> and <see cref="IDestinationStatus"/>),
    /// the outbox the loops read, and the hosted service that runs one loop per destination.
    /// </summary>
    public static IServiceCollection AddWatchMonitorDelivery(this IServiceCollection services)
    {
        services.AddSingleton<DestinationBoard>();
        services.AddSingleton<IDeliveryWaker>(provider => provider.GetRequiredService<DestinationBoard>());
        services.AddSingleton<IDestinationStatus>(provider => provider.GetRequiredService<DestinationBoard>());
        services.AddSingleton<IDeliveryOutbox, JsonDeliveryOutbox>();
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryService>());
        return services;
    }
}
