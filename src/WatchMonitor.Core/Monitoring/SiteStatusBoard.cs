using System.Collections.Concurrent;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Per-site health across cycles: one small record per built-in site, replaced on every update, so its size is
/// fixed however long the monitor runs.
/// </summary>
public sealed class SiteStatusBoard
{
    private readonly ConcurrentDictionary<string, SiteStatus> _statuses = new(StringComparer.Ordinal);

    public IReadOnlyList<SiteStatus> Snapshot() => [.. _statuses.Values.OrderBy(status => status.SiteKey, StringComparer.Ordinal)];

    public SiteStatus Get(string siteKey) => _statuses.GetValueOrDefault(siteKey) ?? Empty(siteKey);

    public void RecordSuccess(string siteKey, DateTimeOffset at, int listingCount) =>
        _statuses.AddOrUpdate(
            siteKey,
            key => Empty(key) with { LastSuccessAt = at, ListingsLastCycle = listingCount },
            (_, status) => status with { LastSuccessAt = at, ConsecutiveFailures = 0, ListingsLastCycle = listingCount, LastError = null });

    public void RecordFailure(string siteKey, string error) =>
        _statuses.AddOrUpdate(
            siteKey,
            key => Empty(key) with { ConsecutiveFailures = 1, TotalFailures = 1, LastError = error },
            (_, status) => status with
            {
                ConsecutiveFailures = status.ConsecutiveFailures + 1,
                TotalFailures = status.TotalFailures + 1,
                ListingsLastCycle = 0,
                LastError = error,
            });

    public void SetSuspectedLayoutChange(string siteKey, bool suspected) =>
        _statuses.AddOrUpdate(siteKey, key => Empty(key) with { SuspectedLayoutChange = suspected }, (_, status) => status with { SuspectedLayoutChange = suspected });

    public void SetWebhookStopped(string siteKey, bool stopped) =>
        _statuses.AddOrUpdate(siteKey, key => Empty(key) with { WebhookStopped = stopped }, (_, status) => status with { WebhookStopped = stopped });

    private static SiteStatus Empty(string siteKey) => new(siteKey, null, 0, 0, 0, false, false, null);
}
