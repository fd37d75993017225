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
/// <param name="Destinations">Per delivery destination (a site's Discord webhook), keyed by destination key.</param>
public sealed record HealthSnapshot(
    HealthStatus Status,
    IReadOnlyList<string> Reasons,
    MemoryHealth Memory,
    CycleHealth? LastCycle,
    long Cycles,
    int Outbox,
    IReadOnlyDictionary<string, SiteHealth> Sites,
    IReadOnlyDictionary<string, DestinationHealth>? Destinations = null)
{
    /// <summary>Messages that can never be delivered (refused by Discord for good, or unreadable), kept with the reason.</summary>
    public int DeadLetters { get; init; }

    /// <summary>INSTANCE_NAME of the instance answering; null when leases are not known.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; init; }

    /// <summary>The sites this instance holds the lease of, keyed by site key.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, HeldLeaseHealth>? SitesHeld { get; init; }

    /// <summary>Every configured site with the instance holding it, as the last lease round saw it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, SiteLeaseHealth>? Deployment { get; init; }

    /// <summary>A copy whose texts (reasons, site keys and errors) have every webhook URL masked.</summary>
    public HealthSnapshot Redacted()
    {
        var sites = new Dictionary<string, SiteHealth>(Sites.Count, StringComparer.Ordinal);
        foreach (var (key, site) in Sites)
        {
            sites[WebhookRedactor.Redact(key)] = site.LastError is null ? site : site with { LastError = WebhookRedactor.Redact(site.LastError) };
        }

        Dictionary<string, DestinationHealth>? destinations = null;
        if (Destinations is not null)
        {
            destinations = new Dictionary<string, DestinationHealth>(Destinations.Count, StringComparer.Ordinal);
            foreach (var (key, destination) in Destinations)
            {
                destinations[WebhookRedactor.Redact(key)] = destination.LastError is null ? destination : destination with { LastError = WebhookRedactor.Redact(destination.LastError) };
            }
        }

        return this with { Reasons = [.. Reasons.Select(WebhookRedactor.Redact)], Sites = sites, Destinations = destinations };
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

/// <param name="State">What its delivery loop is doing: Idle, Delivering, Waiting (rate limit or backoff) or Stopped (401/403/404).</param>
/// <param name="Pending">Messages queued for it.</param>
/// <param name="DeadLetters">Messages it could never deliver (unreadable, or refused by Discord for good).</param>
/// <param name="NextAttemptAt">When it posts next; null when nothing is queued.</param>
/// <param name="LastError">The last delivery failure, masked of secrets; null after a delivery.</param>
/// <param name="LastDeliveredAt">When Discord last accepted a message from it; null if never since start.</param>
/// <param name="Sent">Messages delivered since start.</param>
/// <param name="FailedAttempts">Posts that failed since start (5xx, timeouts, network, 401/403/404).</param>
public sealed record DestinationHealth(
    Notifications.Delivery.DestinationState State,
    int Pending,
    int DeadLetters,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? LastDeliveredAt,
    long Sent,
    long FailedAttempts,
    [property: System.Text.Json.Serialization.JsonIgnore] DateTimeOffset? StalledSince = null)
{
    /// <summary>The destination as it may be shown: its kind and host, secrets masked.</summary>
    public string? Name { get; init; }

    /// <summary>Messages it refused for good (moved to the dead letters).</summary>
    public long Failed { get; init; }

    /// <summary>It answered that it is gone; delivery to it is stopped until it answers again.</summary>
    public bool Stopped { get; init; }
}
