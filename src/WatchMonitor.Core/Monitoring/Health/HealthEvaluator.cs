using System.Globalization;

namespace WatchMonitor.Monitoring.Health;

/// <summary>What the status is computed from; a plain value so the rules are tested as a table.</summary>
/// <param name="Now">The time of the check.</param>
/// <param name="StartedAt">When the monitor started.</param>
/// <param name="CheckInterval">CHECK_INTERVAL_SECONDS.</param>
/// <param name="StartupGrace">Extra time the first cycle gets after start.</param>
/// <param name="LastCycleEndedAt">When the last cycle completed; null before the first.</param>
/// <param name="Memory">Memory now.</param>
/// <param name="Sites">Enabled sites only, keyed by site key.</param>
/// <param name="OutboxPending">Messages waiting for Discord.</param>
/// <param name="OutboxStalledCycles">Cycles in a row that ended with messages waiting and none delivered.</param>
/// <param name="Destinations">Per delivery destination, keyed by destination key; null when not known.</param>
public sealed record HealthFacts(
    DateTimeOffset Now,
    DateTimeOffset StartedAt,
    TimeSpan CheckInterval,
    TimeSpan StartupGrace,
    DateTimeOffset? LastCycleEndedAt,
    MemoryHealth Memory,
    IReadOnlyDictionary<string, SiteHealth> Sites,
    int OutboxPending,
    int OutboxStalledCycles,
    IReadOnlyDictionary<string, DestinationHealth>? Destinations = null)
{
    /// <summary>Every configured site's lease; null when leases are not known.</summary>
    public IReadOnlyDictionary<string, SiteLeaseHealth>? Deployment { get; init; }

    /// <summary>LEASE_SECONDS: a site free for longer than this is not being taken over by any instance.</summary>
    public TimeSpan LeaseDuration { get; init; }

    /// <summary>When the lease round behind <see cref="Deployment"/> ran.</summary>
    public DateTimeOffset? LeasesReadAt { get; init; }
}

public sealed record HealthAssessment(HealthStatus Status, IReadOnlyList<string> Reasons);

/// <summary>
/// The status rules: the worst level with a matching rule wins, and every matching rule adds a reason.
/// <para><b>Unhealthy</b> (HTTP 503, <c>watchmon health</c> exits 2) when any of:</para>
/// <list type="bullet">
/// <item>resident memory ≥ the critical threshold;</item>
/// <item>no cycle completed within 3 × CHECK_INTERVAL_SECONDS after the last one, or, before the first, after
/// start + the startup grace (the loop is hung or dead);</item>
/// <item>every enabled site has failed at least 3 times in a row (the network or the host is broken).</item>
/// <item>a site has been held by no instance for longer than LEASE_SECONDS (no live instance takes it over).</item>
/// </list>
/// <para><b>Degraded</b> (HTTP 200, exit 1) when any of:</para>
/// <list type="bullet">
/// <item>memory is degraded (at or above the warning threshold, or degraded mode not yet left);</item>
/// <item>any site's last scan failed;</item>
/// <item>any site is suspected of a layout change;</item>
/// <item>any site's webhook is stopped;</item>
/// <item>the outbox is not draining: messages wait and none was delivered for 3 cycles in a row;</item>
/// <item>a destination is not draining: messages wait for it and none was delivered for 3 × CHECK_INTERVAL_SECONDS.</item>
/// </list>
/// <para><b>Healthy</b> (HTTP 200, exit 0) otherwise.</para>
/// </summary>
public static class HealthEvaluator
{
    /// <summary>Cycle intervals without a completed cycle before the monitor counts as stuck.</summary>
    public const int StallIntervals = 3;

    /// <summary>Failures in a row from which a site counts as down (all sites down is Unhealthy).</summary>
    public const int SiteDownFailures = 3;

    /// <summary>Cycles in a row with waiting messages and no delivery before the outbox counts as not draining.</summary>
    public const int OutboxStalledCycles = 3;

    public static HealthAssessment Evaluate(HealthFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        var memory = facts.Memory;

        if (memory.CriticalThresholdMb > 0 && memory.RssMb >= memory.CriticalThresholdMb)
        {
            unhealthy.Add(Format($"memory {memory.RssMb:F0} MB is at or above the critical threshold of {memory.CriticalThresholdMb:F0} MB"));
        }
        else if (memory.Degraded || (memory.WarningThresholdMb > 0 && memory.RssMb >= memory.WarningThresholdMb))
        {
            degraded.Add(Format($"memory degraded: {memory.RssMb:F0} MB (warning threshold {memory.WarningThresholdMb:F0} MB)"));
        }

        var limit = facts.CheckInterval * StallIntervals;
        var since = facts.LastCycleEndedAt ?? facts.StartedAt + facts.StartupGrace;
        if (facts.Now - since > limit)
        {
            var waited = facts.Now - (facts.LastCycleEndedAt ?? facts.StartedAt);
            unhealthy.Add(facts.LastCycleEndedAt is null
                ? Format($"no cycle has completed in the {Minutes(waited)} since start (limit {Minutes(limit + facts.StartupGrace)})")
                : Format($"no cycle has completed for {Minutes(waited)} (limit {Minutes(limit)}: {StallIntervals} × the check interval)"));
        }

        var sites = facts.Sites.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        if (sites.Count > 0 && sites.TrueForAll(pair => pair.Value.ConsecutiveFailures >= SiteDownFailures))
        {
            unhealthy.Add(Format($"every enabled site has failed at least {SiteDownFailures} times in a row"));
        }

        foreach (var (key, lease) in (facts.Deployment ?? new Dictionary<string, SiteLeaseHealth>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!lease.Healthy && lease.FreeSince is { } freeSince && (facts.LeasesReadAt ?? facts.Now) - freeSince > facts.LeaseDuration)
            {
                unhealthy.Add(Format($"{key}: no instance has held its lease for {Minutes((facts.LeasesReadAt ?? facts.Now) - freeSince)}, so nobody scans it: start an instance, or check that the running ones reach the database"));
            }
        }

        foreach (var (key, site) in sites)
        {
            if (site.ConsecutiveFailures > 0)
            {
                degraded.Add(Format($"{key}: failing ({site.ConsecutiveFailures} in a row)"));
            }

            if (site.SuspectedLayoutChange)
            {
                degraded.Add($"{key}: suspected layout change");
            }

            if (site.WebhookStopped)
            {
                degraded.Add($"{key}: webhook stopped");
            }
        }

        if (facts.OutboxPending > 0 && facts.OutboxStalledCycles >= OutboxStalledCycles)
        {
            degraded.Add(Format($"outbox not draining: {facts.OutboxPending} message(s) waiting, none delivered for {facts.OutboxStalledCycles} cycles"));
        }

        foreach (var (key, destination) in (facts.Destinations ?? new Dictionary<string, DestinationHealth>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (destination.Pending > 0 && destination.StalledSince is { } stalledSince && facts.Now - stalledSince > facts.CheckInterval * OutboxStalledCycles)
            {
                degraded.Add(Format($"{key}: delivery not draining: {destination.Pending} message(s) waiting, none delivered for {Minutes(facts.Now - stalledSince)}"));
            }
        }

        var status = unhealthy.Count > 0 ? HealthStatus.Unhealthy : degraded.Count > 0 ? HealthStatus.Degraded : HealthStatus.Healthy;
        return new HealthAssessment(status, [.. unhealthy, .. degraded]);
    }

    private static string Minutes(TimeSpan span) =>
        span < TimeSpan.FromMinutes(2) ? Format($"{span.TotalSeconds:F0} s") : Format($"{span.TotalMinutes:F0} min");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
