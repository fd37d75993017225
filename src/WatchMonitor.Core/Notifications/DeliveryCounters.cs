using System.Collections.Concurrent;

namespace WatchMonitor.Notifications;

/// <summary>
/// Notifications sent, failed and dead-lettered, per site and per destination; fixed size (one slot per site and
/// per configured destination (by its label)).
/// </summary>
public sealed class DeliveryCounters
{
    private readonly ConcurrentDictionary<string, Counts> _bySite = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counts> _byDestination = new(StringComparer.Ordinal);

    public long TotalSent => _bySite.Values.Sum(counts => counts.Sent);

    public long TotalFailed => _bySite.Values.Sum(counts => counts.Failed);

    /// <summary>Messages sent, and messages refused for good (moved to the dead letters after a 400).</summary>
    public (long Sent, long Failed) ForSite(string siteKey) => _bySite.GetValueOrDefault(siteKey) is { } counts ? (counts.Sent, counts.Failed) : default;

    /// <summary>Messages a destination took, refused for good, posts to it that failed, and its dead letters.</summary>
    public DestinationCounts ForDestination(string destinationKey) =>
        _byDestination.GetValueOrDefault(destinationKey) is { } counts
            ? new DestinationCounts(counts.Sent, counts.Failed, counts.FailedAttempts, counts.DeadLettered)
            : default;

    /// <summary>Posts that failed (5xx, timeouts, network, 401/403/404), and messages moved to the dead letters, of a destination.</summary>
    public (long FailedAttempts, long DeadLettered) AttemptsForSite(string destinationKey) =>
        _byDestination.GetValueOrDefault(destinationKey) is { } counts ? (counts.FailedAttempts, counts.DeadLettered) : default;

    public IReadOnlyDictionary<string, long> SentBySite() =>
        _bySite.ToDictionary(pair => pair.Key, pair => pair.Value.Sent, StringComparer.Ordinal);

    public void Sent(string siteKey, string destinationKey, int messages)
    {
        Update(_bySite, siteKey, counts => counts with { Sent = counts.Sent + messages });
        Update(_byDestination, destinationKey, counts => counts with { Sent = counts.Sent + messages });
    }

    public void Failed(string siteKey, string destinationKey, int messages)
    {
        Update(_bySite, siteKey, counts => counts with { Failed = counts.Failed + messages });
        Update(_byDestination, destinationKey, counts => counts with { Failed = counts.Failed + messages });
    }

    public void FailedAttempt(string destinationKey) => Update(_byDestination, destinationKey, counts => counts with { FailedAttempts = counts.FailedAttempts + 1 });

    public void DeadLettered(string destinationKey) => Update(_byDestination, destinationKey, counts => counts with { DeadLettered = counts.DeadLettered + 1 });

    private static void Update(ConcurrentDictionary<string, Counts> counters, string key, Func<Counts, Counts> change) =>
        counters.AddOrUpdate(key, _ => change(new Counts(0, 0, 0, 0)), (_, counts) => change(counts));

    private sealed record Counts(long Sent, long Failed, long FailedAttempts, long DeadLettered);
}

/// <summary>What one destination did since the start.</summary>
public readonly record struct DestinationCounts(long Sent, long Failed, long FailedAttempts, long DeadLettered);
