using WatchMonitor.Monitoring.Leases;

namespace WatchMonitor.Monitoring.Health;

/// <param name="AcquiredAt">When this instance took the lease.</param>
/// <param name="ExpiresAt">When it ends unless renewed (every LEASE_SECONDS / 3).</param>
/// <param name="AgeSeconds">How long this instance has held it.</param>
public sealed record HeldLeaseHealth(DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, double AgeSeconds);

/// <param name="Holder">The instance scanning the site; null when nobody holds it.</param>
/// <param name="LeaseAgeSeconds">How long its holder has held it; null when nobody does.</param>
/// <param name="ExpiresAt">When the lease ends unless renewed, or ended; null when never held.</param>
/// <param name="Healthy">False when nobody holds the site (never held, released and not yet taken, or expired): nobody scans it.</param>
/// <param name="FreeSince">Since when nobody holds it.</param>
public sealed record SiteLeaseHealth(
    string? Holder,
    double? LeaseAgeSeconds,
    DateTimeOffset? ExpiresAt,
    bool Healthy,
    [property: System.Text.Json.Serialization.JsonIgnore] DateTimeOffset? FreeSince = null);

/// <summary>
/// The health view of the last lease round: who held what when it ran (rounds run every LEASE_SECONDS / 3 and
/// before each cycle), with the ages counted to the time of the request.
/// </summary>
public static class LeaseHealth
{
    public static IReadOnlyDictionary<string, SiteLeaseHealth> Deployment(LeaseView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        var deployment = new Dictionary<string, SiteLeaseHealth>(StringComparer.Ordinal);
        foreach (var site in view.Sites)
        {
            deployment[site.Site] = site is { Holder: { } holder, AcquiredAt: { } acquiredAt, ExpiresAt: { } expiresAt } && expiresAt > view.ReadAt
                ? new SiteLeaseHealth(holder, Seconds(now - acquiredAt), expiresAt, Healthy: true)
                : new SiteLeaseHealth(null, null, site.ExpiresAt, Healthy: false, site.FreeSince ?? site.ExpiresAt);
        }

        return deployment;
    }

    public static IReadOnlyDictionary<string, HeldLeaseHealth> Held(LeaseView view, string instance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        var held = new Dictionary<string, HeldLeaseHealth>(StringComparer.Ordinal);
        foreach (var site in view.Sites)
        {
            if (site is { AcquiredAt: { } acquiredAt, ExpiresAt: { } expiresAt } && site.Holder == instance && expiresAt > view.ReadAt)
            {
                held[site.Site] = new HeldLeaseHealth(acquiredAt, expiresAt, Seconds(now - acquiredAt));
            }
        }

        return held;
    }

    private static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 1);
}
