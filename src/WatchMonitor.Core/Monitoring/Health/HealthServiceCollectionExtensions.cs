using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WatchMonitor.Monitoring.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers validated <see cref="HealthOptions"/> (from HEALTH_ENABLED and the Health section), checked at start.
    /// </summary>
    public static IServiceCollection AddHealthOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HealthOptions>()
            .Configure(options => HealthOptions.Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="MonitorHealth"/> as <see cref="IHealthSource"/> and <see cref="IMetricsSource"/>, and the
    /// <see cref="LayoutChangeDetector"/> it feeds. Needs <c>MonitorOptions</c>, <c>IReadOnlyList&lt;MonitoredSite&gt;</c>,
    /// <see cref="SiteStatusBoard"/>, <c>DeliveryCounters</c>, <see cref="IMonitorGauges"/> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddMonitorHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthOptions(configuration);
        services.AddSingleton<LayoutChangeDetector>();
        services.AddSingleton<MonitorHealth>();
        services.AddSingleton<IHealthSource>(provider => provider.GetRequiredService<MonitorHealth>());
        services.AddSingleton<IMetricsSource>(provider => provider.GetRequiredService<MonitorHealth>());
        return services;
    }
}
