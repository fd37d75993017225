namespace WatchMonitor.Monitoring.Health;

/// <summary>The monitor's overall state; a larger value is worse. <see cref="HealthEvaluator"/> has the rules.</summary>
public enum HealthStatus
{
    Healthy = 0,
    Degraded = 1,
    Unhealthy = 2,
}
