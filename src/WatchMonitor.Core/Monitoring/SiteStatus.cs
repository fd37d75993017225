namespace WatchMonitor.Monitoring;

/// <summary>What health and metrics show about one site; a snapshot, safe to hand out.</summary>
public sealed record SiteStatus(
    string SiteKey,
    DateTimeOffset? LastSuccessAt,
    int ConsecutiveFailures,
    int TotalFailures,
    int ListingsLastCycle,
    bool SuspectedLayoutChange,
    bool WebhookStopped,
    string? LastError);
