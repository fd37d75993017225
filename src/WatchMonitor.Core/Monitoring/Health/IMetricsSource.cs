namespace WatchMonitor.Monitoring.Health;

/// <summary>Cumulative counters for <c>GET /metrics</c>, read at scrape time.</summary>
public interface IMetricsSource
{
    /// <summary>The counters now. Called per scrape from any thread; must be cheap and must not throw.</summary>
    MetricsSnapshot Current();
}

/// <param name="Health">The health snapshot the gauges come from.</param>
/// <param name="CycleSecondsTotal">Summed duration of every completed cycle since start.</param>
/// <param name="Sites">Per site key (configured sites only, so the label set stays bounded).</param>
public sealed record MetricsSnapshot(
    HealthSnapshot Health,
    double CycleSecondsTotal,
    IReadOnlyDictionary<string, SiteCounters> Sites);

/// <summary>Totals for one site since start.</summary>
public sealed record SiteCounters(
    long ListingsFound,
    long NewListings,
    long Errors,
    long NotificationsSent,
    long NotificationsFailed);
