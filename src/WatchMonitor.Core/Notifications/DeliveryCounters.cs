using System.Collections.Concurrent;

namespace WatchMonitor.Notifications;

/// <summary>Notifications sent, failed and dead-lettered, in total and per site; fixed size (one slot per site).</summary>
public sealed class DeliveryCounters
{
    private readonly ConcurrentDictionary<string, Counts> _bySite = new(StringComparer.Ordinal);

    public long TotalSent => _bySite.Values.Sum(counts => counts.Sent);

    public long TotalFailed => _bySite.Values.Sum(counts => counts.Failed);

    /// <summary>Messages sent, and messages refused for good (moved to the dead letters after a 400).</summary>
    public (long Sent, long Failed) ForSite(string siteKey) => _bySite.GetValueOrDefault(siteKey) is { } counts ? (counts.Sent, counts.Failed) : default;

    /// <summary>Posts that failed (5xx, timeouts, network, 401/403/404), and messages moved to the dead letters.</summary>
    public (long FailedAttempts, long DeadLettered) AttemptsForSite(string siteKey) =>
        _bySite.GetValueOrDefault(siteKey) is { } counts ? (counts.FailedAttempts, counts.DeadLettered) : default;

    public IReadOnlyDictionary<string, long> SentBySite() =>
        _bySite.ToDictionary(pair => pair.Key, pair => pair.Value.Sent, StringComparer.Ordinal);

    public void Sent(string siteKey, int messages) => Update(siteKey, counts => counts with { Sent = counts.Sent + messages });

    public void Failed(string siteKey, int messages) => Update(siteKey, counts => counts with { Failed = counts.Failed + messages });

    public void FailedAttempt(string siteKey) => Update(siteKey, counts => counts with { FailedAttempts = counts.FailedAttempts + 1 });

    public void DeadLettered(string siteKey) => Update(siteKey, counts => counts with { DeadLettered = counts.DeadLettered + 1 });

    private void Update(string siteKey, Func<Counts, Counts> change) =>
        _bySite.AddOrUpdate(siteKey, _ => change(new Counts(0, 0, 0, 0)), (_, counts) => change(counts));

    private sealed record Counts(long Sent, long Failed, long FailedAttempts, long DeadLettered);
}
