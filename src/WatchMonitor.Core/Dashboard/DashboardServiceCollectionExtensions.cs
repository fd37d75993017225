using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WatchMonitor.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DashboardQuery"/>, which the health endpoint's host serves at <c>/</c> and <c>/api/</c>.
    /// Needs the health source, the state (ListingQuery, SessionHistory) and the options of the whole monitor.
    /// </summary>
    public static IServiceCollection AddWatchMonitorDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton<DashboardQuery>();
        return services;
    }
}
