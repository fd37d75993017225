namespace WatchMonitor.FakeSites.Discord;

/// <summary>
/// One fake webhook (one per site). Keeps the last <see cref="Capacity"/> accepted messages and counters; tests read
/// them directly or wait for a number of accepted messages.
/// </summary>
public sealed class FakeWebhook
{
    private readonly Lock _gate = new();
    private readonly Queue<ReceivedMessage> _messages = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _posts;
    private long _accepted;
    private long _rejected;
    private long _rateLimited;
    private long _serverErrors;
    private long _notFound;
    private long _unauthorized;
    private long _edits;
    private bool _deleted;
    private bool _rejectToken;

    internal FakeWebhook(string siteKey, string id, string token, int capacity)
    {
        SiteKey = siteKey;
        Id = id;
        Token = token;
        Capacity = capacity;
    }

    public string SiteKey { get; }

    public string Id { get; }

    public string Token { get; }

    /// <summary>Accepted messages kept; older ones are dropped (the counters still count them).</summary>
    public int Capacity { get; }

    /// <summary>"/api/webhooks/{id}/{token}".</summary>
    public string Path => $"/api/webhooks/{Id}/{Token}";

    /// <summary>Deleted webhooks answer 404 "Unknown Webhook" (code 10015).</summary>
    public bool Deleted
    {
        get
        {
            lock (_gate)
            {
                return _deleted;
            }
        }

        set
        {
            lock (_gate)
            {
                _deleted = value;
            }
        }
    }

    /// <summary>When set, every post answers 401 "Invalid Webhook Token" (code 50027), as after a token reset.</summary>
    public bool Unauthorized
    {
        get
        {
            lock (_gate)
            {
                return _rejectToken;
            }
        }

        set
        {
            lock (_gate)
            {
                _rejectToken = value;
            }
        }
    }

    /// <summary>The kept messages, oldest first.</summary>
    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }
    }

    /// <summary>Every embed of the kept messages, oldest first.</summary>
    public IReadOnlyList<ReceivedEmbed> Embeds => Messages.SelectMany(message => message.Embeds).ToArray();

    public WebhookStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new WebhookStats(_posts, _accepted, _rejected, _rateLimited, _serverErrors, _notFound, _unauthorized);
            }
        }
    }

    /// <summary>Drops the kept messages and zeroes the counters; <see cref="Deleted"/> and <see cref="Unauthorized"/> stay.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
            _posts = _accepted = _rejected = _rateLimited = _serverErrors = _notFound = _unauthorized = _edits = 0;
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> messages were accepted since the last clear.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_accepted >= count)
                {
                    return _messages.ToArray();
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal void CountPost() => Count(ref _posts);

    internal void CountRejected() => Count(ref _rejected);

    internal void CountRateLimited() => Count(ref _rateLimited);

    internal void CountServerError() => Count(ref _serverErrors);

    internal void CountNotFound() => Count(ref _notFound);

    internal void CountUnauthorized() => Count(ref _unauthorized);

    internal void Accept(ReceivedMessage message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _accepted++;
            _messages.Enqueue(message);
            while (_messages.Count > Capacity)
            {
                _messages.Dequeue();
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Replaces a kept message by its edited version; false when no kept message has that id.</summary>
    internal bool Edit(string messageId, Func<ReceivedMessage, ReceivedMessage> edit)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var messages = _messages.ToArray();
            var index = Array.FindIndex(messages, message => message.MessageId == messageId);
            if (index < 0)
            {
                return false;
            }

            messages[index] = edit(messages[index]);
            _messages.Clear();
            foreach (var message in messages)
            {
                _messages.Enqueue(message);
            }

            _edits++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return true;
    }

    /// <summary>Edits accepted since the last clear.</summary>
    public long EditCount
    {
        get
        {
            lock (_gate)
            {
                return _edits;
            }
        }
    }

    private void Count(ref long counter)
    {
        lock (_gate)
        {
            counter++;
        }
    }
}
