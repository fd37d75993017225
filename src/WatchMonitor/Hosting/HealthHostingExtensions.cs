using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Hosting;

internal static class HealthHostingExtensions
{
    /// <summary>
    /// Adds the <c>/health</c> and <c>/metrics</c> endpoint and the dashboard as a hosted service. Needs an <see cref="IHealthSource"/>
    /// (and, for per-site counters, an <see cref="IMetricsSource"/>), e.g. from <c>AddMonitorHealth</c>.
    /// </summary>
    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthOptions(configuration);
        services.AddSingleton<HealthMetrics>();
        services.AddSingleton<HealthEndpoints>();
        services.AddHostedService(provider => provider.GetRequiredService<HealthEndpoints>());
        return services;
    }
}
