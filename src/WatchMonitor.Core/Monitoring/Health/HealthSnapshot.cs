namespace WatchMonitor.Monitoring.Health;

/// <summary>
/// What <c>GET /health</c> shows, serialised camelCase by <see cref="HealthJsonContext"/>. Holds counts, times and
/// short texts only: never a webhook URL (<see cref="Redacted"/> masks any that slipped into a text).
/// </summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
/// <param name="Reasons">Why the status is not Healthy, one short sentence each; empty when Healthy.</param>
/// <param name="Memory">Memory now and its thresholds.</param>
/// <param name="LastCycle">The last completed cycle; null before the first one.</param>
/// <param name="Cycles">Cycles completed since the monitor started.</param>
/// <param name="Outbox">Discord messages waiting to be delivered.</param>
/// <param name="Sites">Per enabled site, keyed by site key.</param>
public sealed record HealthSnapshot(
    HealthStatus Status,
    IReadOnlyList<string> Reasons,
    MemoryHealth Memory,
    CycleHealth? LastCycle,
    long Cycles,
    int Outbox,
    IReadOnlyDictionary<string, SiteHealth> Sites)
{
    /// <summary>Messages that can never be delivered (refused by Discord for good, or unreadable), kept with the reason.</summary>
    public int DeadLetters { get; init; }

    /// <summary>A copy whose texts (reasons, site keys and errors) have every webhook URL masked.</summary>
    public HealthSnapshot Redacted()
    {
        var sites = new Dictionary<string, SiteHealth>(Sites.Count, StringComparer.Ordinal);
        foreach (var (key, site) in Sites)
        {
            sites[WebhookRedactor.Redact(key)] = site.LastError is null ? site : site with { LastError = WebhookRedactor.Redact(site.LastError) };
        }

        return this with { Reasons = [.. Reasons.Select(WebhookRedactor.Redact)], Sites = sites };
    }
}

/// <param name="RssMb">Resident set size of the process.</param>
/// <param name="GcHeapMb">Managed heap in use.</param>
/// <param name="WarningThresholdMb">Resident size at which the monitor runs degraded.</param>
/// <param name="CriticalThresholdMb">Resident size at which the monitor is unhealthy.</param>
/// <param name="Degraded">Memory is at or above the warning threshold, or the monitor is still in degraded mode.</param>
public sealed record MemoryHealth(
    double RssMb,
    double GcHeapMb,
    double WarningThresholdMb,
    double CriticalThresholdMb,
    bool Degraded);

public sealed record CycleHealth(
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    double DurationSeconds,
    int NewListings,
    int Errors);

/// <param name="LastSuccessAt">When the site's page was last fetched and parsed; null if never since start.</param>
/// <param name="ConsecutiveFailures">Failed scans in a row; 0 after a success.</param>
/// <param name="ListingsLastCycle">Listings found in the site's last scan (0 when it failed).</param>
/// <param name="SuspectedLayoutChange">The page loads but yields (almost) no listings: see <see cref="LayoutChangeDetector"/>.</param>
/// <param name="WebhookStopped">Discord answered that the site's webhook is gone; delivery to it is stopped.</param>
/// <param name="LastError">Why the last scan failed, masked of secrets; null after a success.</param>
public sealed record SiteHealth(
    DateTimeOffset? LastSuccessAt,
    int ConsecutiveFailures,
    int ListingsLastCycle,
    bool SuspectedLayoutChange,
    bool WebhookStopped,
    string? LastError = null);
