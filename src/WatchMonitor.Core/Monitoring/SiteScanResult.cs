namespace WatchMonitor.Monitoring;

/// <summary>What scanning one site in one cycle came to (the session's <c>site_stats</c> entry).</summary>
public sealed record SiteScanResult(
    string SiteKey,
    int ListingsFound,
    int NewListings,
    int NotificationsQueued,
    bool Failed,
    bool Baseline,
    string? Error = null)
{
    /// <summary>Failed because the page loaded but held no listings (<see cref="Sites.NoListingsException"/>).</summary>
    public bool NoListings { get; init; }

    /// <summary>Failed because the site's host did not resolve or accept a connection.</summary>
    public bool Unreachable { get; init; }
}
