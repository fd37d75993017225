using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Delivery;

/// <summary>What a destination's delivery loop is doing.</summary>
public enum DestinationState
{
    /// <summary>Nothing due: the queue is empty or its messages wait for their next attempt.</summary>
    Idle,

    /// <summary>Posting.</summary>
    Delivering,

    /// <summary>Waiting out a rate limit or a backoff after a failure.</summary>
    Waiting,

    /// <summary>The destination answered that it is gone (401/403/404): new messages are refused, one queued message is tried every hour.</summary>
    Stopped,
}

/// <summary>A snapshot of one destination for health, metrics and the <c>once</c> summary.</summary>
/// <param name="Key">The destination key ("discord-&lt;12 hex&gt;").</param>
/// <param name="State">What its loop is doing.</param>
/// <param name="Pending">Messages queued for it.</param>
/// <param name="DeadLetters">Messages it could never deliver.</param>
/// <param name="NextAttemptAt">When its loop posts next; null when nothing is queued.</param>
/// <param name="LastError">The last failure, masked of secrets; null after a delivery.</param>
/// <param name="LastDeliveredAt">When Discord last accepted a message; null if never since start.</param>
/// <param name="StalledSince">Since when messages wait with none delivered; null when nothing waits.</param>
public sealed record DestinationReading(
    string Key,
    DestinationState State,
    int Pending,
    int DeadLetters,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? LastDeliveredAt,
    DateTimeOffset? StalledSince)
{
    /// <summary>The destination as it may be shown: kind, host, secrets masked.</summary>
    public string Masked { get; init; } = "";

    public DestinationKind Kind { get; init; }

    /// <summary>The site key(s) of a site's own webhook, else <see cref="Key"/>.</summary>
    public string Label { get; init; } = Key;
}

/// <summary>
/// One destination (a Discord webhook, an ntfy topic, a Telegram chat…) and the state its delivery loop shares with the scanner and health.
/// Its wake is an auto-reset signal for the one loop: a wake that comes while the loop is busy is kept for its next
/// sleep, so a message queued between the loop's last look and its sleep is never missed.
/// </summary>
public sealed class DeliveryDestination
{
    private readonly Lock _gate = new();
    private readonly Action _changed;
    private DestinationState _state;
    private bool _stopped;
    private int _pending;
    private int _deadLetters;
    private DateTimeOffset? _nextAttemptAt;
    private string? _lastError;
    private DateTimeOffset? _lastDeliveredAt;
    private DateTimeOffset? _pendingSince;
    private bool _asleep;
    private bool _backingOff;
    private bool _wakePending;
    private DateTimeOffset? _sleepingUntil;
    private TaskCompletionSource? _waiter;

    internal DeliveryDestination(DestinationAddress address, string webhookVariable, IReadOnlyList<string> ownSites, string? threadName, Action changed)
    {
        Address = address;
        WebhookVariable = webhookVariable;
        OwnSites = ownSites;
        ThreadName = threadName;
        _changed = changed;
    }

    /// <summary>"&lt;kind&gt;-&lt;12 hex&gt;": safe to log, stable across restarts.</summary>
    public string Key => Address.Key;

    /// <summary>
    /// What logs, health and summaries call it: the site key(s) for a site's own webhook ("worldoftime"), otherwise
    /// <see cref="Key"/>. Unique among the destinations, never a secret.
    /// </summary>
    public string Label => OwnSites.Count > 0 ? string.Join('+', OwnSites) : Key;

    /// <summary>Holds secrets: log <see cref="DestinationAddress.Masked"/> only.</summary>
    public DestinationAddress Address { get; }

    public DestinationKind Kind => Address.Kind;

    /// <summary>The setting that configures the destination, for messages that say what to fix.</summary>
    public string WebhookVariable { get; }

    /// <summary>The sites whose own webhook (<c>&lt;SITE&gt;_WEBHOOK_URL</c>) this destination is.</summary>
    public IReadOnlyList<string> OwnSites { get; }

    /// <summary>Discord forum webhooks: the name template of the post each message opens; null for a channel.</summary>
    public string? ThreadName { get; }

    /// <summary>A secret: never log it unmasked.</summary>
    internal string WebhookUrl => Address.Url;

    public bool IsStopped
    {
        get
        {
            lock (_gate)
            {
                return _stopped;
            }
        }
    }

    public DestinationReading Read()
    {
        lock (_gate)
        {
            var stalledSince = _pending == 0 ? (DateTimeOffset?)null : Later(_pendingSince, _lastDeliveredAt);
            return new DestinationReading(
                Key, _stopped ? DestinationState.Stopped : _state, _pending, _deadLetters, _pending == 0 ? null : _nextAttemptAt, _lastError, _lastDeliveredAt, stalledSince)
            {
                Masked = Address.Masked,
                Kind = Address.Kind,
                Label = Label,
            };
        }
    }

    /// <summary>
    /// Whether the loop sleeps with no wake pending and nothing to do before <paramref name="deadline"/>, or backs
    /// off after a failure: waiting for the retry would only repeat the failure within a short wait.
    /// </summary>
    internal bool IsSettled(DateTimeOffset now, DateTimeOffset deadline)
    {
        lock (_gate)
        {
            return _asleep && !_wakePending && (_sleepingUntil is null || _sleepingUntil > deadline || (_backingOff && _sleepingUntil > now));
        }
    }

    /// <summary>Set after a failed post (until the next delivery): the loop waits out a backoff.</summary>
    internal void SetBackingOff(bool backingOff)
    {
        lock (_gate)
        {
            _backingOff = backingOff;
        }
    }

    internal void SetState(DestinationState state, DateTimeOffset? nextAttemptAt, string? error = null)
    {
        lock (_gate)
        {
            _state = state;
            _nextAttemptAt = nextAttemptAt;
            if (error is not null)
            {
                _lastError = error;
            }
        }
    }

    internal void SetStopped(bool stopped)
    {
        lock (_gate)
        {
            _stopped = stopped;
        }
    }

    internal void SetCounts(int pending, int deadLetters, DateTimeOffset now)
    {
        lock (_gate)
        {
            _pendingSince = pending == 0 ? null : _pendingSince ?? now;
            _pending = pending;
            _deadLetters = deadLetters;
        }
    }

    internal void RecordDelivered(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastDeliveredAt = at;
            _lastError = null;
        }
    }

    internal void Wake()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _asleep = false;
            waiter = _waiter;
            _waiter = null;
            _wakePending = waiter is null;
        }

        waiter?.TrySetResult();
        _changed();
    }

    /// <summary>Marks the loop asleep until <paramref name="until"/> (null: until woken); completes at the next wake, at once when one is pending.</summary>
    internal Task BeginSleep(DateTimeOffset? until)
    {
        Task wake;
        lock (_gate)
        {
            if (_wakePending)
            {
                _wakePending = false;
                return Task.CompletedTask;
            }

            _asleep = true;
            _sleepingUntil = until;
            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wake = _waiter.Task;
        }

        _changed();
        return wake;
    }

    /// <summary>The loop is up again (woken, its time came, or it stops); a wake from now on is kept for its next sleep.</summary>
    internal void EndSleep()
    {
        lock (_gate)
        {
            _asleep = false;
            _waiter = null;
        }
    }

    private static DateTimeOffset? Later(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null ? second : second is null ? first : first > second ? first : second;
}
