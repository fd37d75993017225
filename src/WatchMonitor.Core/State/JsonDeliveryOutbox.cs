using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.State;

/// <summary>
/// The delivery loops' view of <see cref="Outbox"/> (<c>outbox.json</c>): a destination's queue is its site's
/// entries. The file has no dead-letter store, so a dead letter is logged with its reason and removed; the count
/// lasts until the process ends. Message ids are this process's own, handed out as entries are first read.
/// </summary>
public sealed partial class JsonDeliveryOutbox(Outbox outbox, ILogger<JsonDeliveryOutbox> logger) : IDeliveryOutbox
{
    private readonly ConcurrentDictionary<string, long> _idsByEntry = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, OutboxEntry> _entriesById = new();
    private readonly ConcurrentDictionary<string, int> _deadLetters = new(StringComparer.Ordinal);
    private long _lastId;

    public Task<IReadOnlyList<QueuedMessage>> PeekDueAsync(string destinationKey, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueuedMessage> due =
        [
            .. outbox.Pending()
                .Where(entry => string.Equals(entry.SiteKey, destinationKey, StringComparison.Ordinal) && entry.NextAttemptAt <= now)
                .Take(max)
                .Select(ToMessage),
        ];
        return Task.FromResult(due);
    }

    public Task<DateTimeOffset?> NextAttemptAtAsync(string destinationKey, CancellationToken cancellationToken)
    {
        DateTimeOffset? next = null;
        foreach (var entry in outbox.Pending())
        {
            if (string.Equals(entry.SiteKey, destinationKey, StringComparison.Ordinal) && (next is null || entry.NextAttemptAt < next))
            {
                next = entry.NextAttemptAt;
            }
        }

        return Task.FromResult(next);
    }

    public Task AcknowledgeAsync(string destinationKey, IReadOnlyList<DeliveredMessage> delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        return RemoveAsync([.. delivered.Select(message => message.MessageId)], cancellationToken);
    }

    public async Task RecordFailureAsync(IReadOnlyCollection<long> messageIds, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        foreach (var id in messageIds)
        {
            if (_entriesById.TryGetValue(id, out var entry))
            {
                await outbox.RecordFailureAsync(entry.Id, nextAttemptAt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task DeadLetterAsync(long messageId, string reason, CancellationToken cancellationToken)
    {
        if (!_entriesById.TryGetValue(messageId, out var entry))
        {
            return;
        }

        Log.DeadLettered(logger, entry.SiteKey, entry.Kind, entry.CompositeId, reason);
        _deadLetters.AddOrUpdate(entry.SiteKey, 1, (_, count) => count + 1);
        await RemoveAsync([messageId], cancellationToken).ConfigureAwait(false);
    }

    public Task<int> CountAsync(string destinationKey, CancellationToken cancellationToken) =>
        Task.FromResult(outbox.CountBySite().GetValueOrDefault(destinationKey));

    public Task<int> DeadLetterCountAsync(string? destinationKey, CancellationToken cancellationToken) =>
        Task.FromResult(destinationKey is null ? _deadLetters.Values.Sum() : _deadLetters.GetValueOrDefault(destinationKey));

    private QueuedMessage ToMessage(OutboxEntry entry)
    {
        var id = _idsByEntry.GetOrAdd(entry.Id, _ => Interlocked.Increment(ref _lastId));
        _entriesById[id] = entry;
        return new QueuedMessage(
            id,
            entry.SiteKey,
            entry.SiteKey,
            entry.CompositeId,
            Enum.Parse<NotificationKind>(entry.Kind.ToString()),
            entry.EmbedJson,
            entry.EnqueuedAt,
            entry.Attempts,
            entry.NextAttemptAt);
    }

    private async Task RemoveAsync(long[] messageIds, CancellationToken cancellationToken)
    {
        var entryIds = new List<string>(messageIds.Length);
        foreach (var id in messageIds)
        {
            if (_entriesById.TryRemove(id, out var entry))
            {
                _idsByEntry.TryRemove(entry.Id, out _);
                entryIds.Add(entry.Id);
            }
        }

        if (entryIds.Count > 0)
        {
            await outbox.AcknowledgeAsync(entryIds, cancellationToken).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: the queued {Kind} message for listing {CompositeId} is dead-lettered ({Reason}); outbox.json keeps no dead letters, so it is dropped and not retried.")]
        public static partial void DeadLettered(ILogger logger, string site, OutboxEntryKind kind, string compositeId, string reason);
    }
}
