namespace WatchMonitor.Monitoring.Health;

/// <summary>
/// Where <c>GET /health</c> and <c>watchmon health</c> get their data, so the endpoint does not depend on how the
/// monitor gathers it. <see cref="MonitorHealth"/> is the monitor's implementation.
/// </summary>
public interface IHealthSource
{
    /// <summary>The state now. Called per request from any thread; must be cheap and must not throw.</summary>
    HealthSnapshot Current();
}
