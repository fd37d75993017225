namespace WatchMonitor.Notifications.Delivery;

/// <summary>
/// The consumer side of the per-destination outbox: what a destination's delivery loop reads and records. Each
/// destination has its own queue, bound and dead letters, so one that cannot deliver holds back only itself.
/// </summary>
public interface IDeliveryOutbox
{
    /// <summary>Up to <paramref name="max"/> of the destination's messages due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<QueuedMessage>> PeekDueAsync(string destinationKey, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>When the destination's earliest pending message falls due; null when its queue is empty.</summary>
    Task<DateTimeOffset?> NextAttemptAtAsync(string destinationKey, CancellationToken cancellationToken);

    /// <summary>
    /// The longest a destination's loop may sleep without looking at the queue again: set when other instances fill
    /// the same queues (their messages wake nobody here); null when only this process does, and a wake-up says it all.
    /// </summary>
    TimeSpan? IdlePoll => null;

    /// <summary>Removes delivered messages and records, per listing, the id the destination gave the message.</summary>
    Task AcknowledgeAsync(string destinationKey, IReadOnlyList<DeliveredMessage> delivered, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt for each message and defers them until <paramref name="nextAttemptAt"/>.</summary>
    Task RecordFailureAsync(IReadOnlyCollection<long> messageIds, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Moves a message that can never be delivered (unreadable, or refused for good) to the dead letters with the reason.</summary>
    Task DeadLetterAsync(long messageId, string reason, CancellationToken cancellationToken);

    /// <summary>Messages pending for the destination.</summary>
    Task<int> CountAsync(string destinationKey, CancellationToken cancellationToken);

    /// <summary>Dead letters kept for the destination, or for all destinations when <paramref name="destinationKey"/> is null.</summary>
    Task<int> DeadLetterCountAsync(string? destinationKey, CancellationToken cancellationToken);
}
