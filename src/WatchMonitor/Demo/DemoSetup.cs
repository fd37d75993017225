using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.Demo;

/// <summary>
/// <c>watchmon demo</c>'s composition: the real monitor pointed at <see cref="DemoDealers"/>, state in a directory of
/// its own, alerts to the log (and the database, for the dashboard), a cycle every few seconds with a new watch
/// listed between two cycles.
/// </summary>
internal static class DemoSetup
{
    public const int CheckIntervalSeconds = 3;

    public static readonly TimeSpan ArrivalPeriod = TimeSpan.FromSeconds(2);

    /// <summary>Every setting the demo runs with; nothing of the user's configuration is read.</summary>
    public static Dictionary<string, string?> Settings(DemoDealers dealers, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(dealers);
        return new Dictionary<string, string?>(dealers.MonitorConfiguration(), StringComparer.OrdinalIgnoreCase)
        {
            ["STATE_DATABASE"] = Path.Combine(stateDirectory, "watchmon.db"),
            ["SEEN_WATCHES_FILE"] = Path.Combine(stateDirectory, "seen_watches.json"),
            ["SESSION_HISTORY_FILE"] = Path.Combine(stateDirectory, "session_history.json"),
            ["OUTBOX_FILE"] = Path.Combine(stateDirectory, "outbox.json"),
            ["MEMORY_REPORTS_DIR"] = Path.Combine(stateDirectory, "reports"),
            ["CHECK_INTERVAL_SECONDS"] = CheckIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["DETAIL_PAGE_DELAY"] = "0",
            ["ENABLE_NOTIFICATIONS"] = "false",
            ["ENABLE_EXCHANGE_RATE_CONVERSION"] = "false",
            ["HEALTH_ENABLED"] = "true",
            ["Health:Url"] = "http://127.0.0.1:0",
        };
    }

    /// <summary>The arrivals and the line that says what the demo is, started before the first cycle.</summary>
    public static void AddDemo(IServiceCollection services, DemoDealers dealers, string stateDirectory)
    {
        services.AddSingleton(dealers);
        services.AddSingleton(provider => new DemoArrivals(
            dealers, provider.GetRequiredService<TimeProvider>(), ArrivalPeriod, provider.GetRequiredService<ILogger<DemoArrivals>>()));
        services.AddHostedService(provider => new DemoAnnouncer(
            provider.GetRequiredService<DemoArrivals>(), dealers, stateDirectory, provider, provider.GetRequiredService<ILogger<DemoAnnouncer>>()));
    }
}
