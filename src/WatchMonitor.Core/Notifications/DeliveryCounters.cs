using System.Collections.Concurrent;

namespace WatchMonitor.Notifications;

/// <summary>Notifications sent and failed, in total and per site; fixed size (one slot per site).</summary>
public sealed class DeliveryCounters
{
    private readonly ConcurrentDictionary<string, (long Sent, long Failed)> _bySite = new(StringComparer.Ordinal);

    public long TotalSent => _bySite.Values.Sum(counts => counts.Sent);

    public long TotalFailed => _bySite.Values.Sum(counts => counts.Failed);

    public (long Sent, long Failed) ForSite(string siteKey) => _bySite.GetValueOrDefault(siteKey);

    public IReadOnlyDictionary<string, long> SentBySite() =>
        _bySite.ToDictionary(pair => pair.Key, pair => pair.Value.Sent, StringComparer.Ordinal);

    public void Sent(string siteKey, int messages) =>
        _bySite.AddOrUpdate(siteKey, (messages, 0), (_, counts) => (counts.Sent + messages, counts.Failed));

    public void Failed(string siteKey, int messages) =>
        _bySite.AddOrUpdate(siteKey, (0, messages), (_, counts) => (counts.Sent, counts.Failed + messages));
}
