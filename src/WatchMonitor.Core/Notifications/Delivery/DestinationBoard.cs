using WatchMonitor.Configuration;

namespace WatchMonitor.Notifications.Delivery;

/// <summary>
/// The configured destinations (one per site with a webhook) and what they share: the wake signals the scanner
/// pulls, whether each accepts new messages, and Discord's global rate limit. Its size is fixed by the configuration.
/// </summary>
public sealed class DestinationBoard : IDeliveryWaker, IDestinationStatus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeliveryDestination> _destinations;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stateReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _globalPauseUntil = DateTimeOffset.MinValue;

    public DestinationBoard(MonitorOptions options, IReadOnlyList<MonitoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sites);
        _destinations = options.EnableNotifications
            ? sites
                .Where(site => site.Enabled && site.WebhookUrl is not null)
                .ToDictionary(site => site.Key, site => new DeliveryDestination(site.Key, site.WebhookUrl!, site.Definition.WebhookEnvironmentVariable, OnChanged), StringComparer.Ordinal)
            : new Dictionary<string, DeliveryDestination>(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<DeliveryDestination> Destinations => _destinations.Values;

    public DeliveryDestination? Find(string destinationKey) => _destinations.GetValueOrDefault(destinationKey);

    /// <summary>Every destination, ordered by key.</summary>
    public IReadOnlyList<DestinationReading> Read() =>
        [.. _destinations.Values.Select(destination => destination.Read()).OrderBy(reading => reading.Key, StringComparer.Ordinal)];

    /// <summary>A destination that is not configured accepts nothing to deliver, so it counts as accepting (the scanner logs instead).</summary>
    public bool IsAccepting(string destinationKey) => Find(destinationKey) is not { IsStopped: true };

    public void Wake(string destinationKey) => Find(destinationKey)?.Wake();

    /// <summary>
    /// Lets the loops start reading the outbox: the host starts them before the state database is opened (and
    /// migrated or imported), and a database that cannot be opened stops the start instead.
    /// </summary>
    public void StateReady()
    {
        _stateReady.TrySetResult();
        WakeAll();
    }

    internal Task WhenStateReadyAsync(CancellationToken cancellationToken) => _stateReady.Task.WaitAsync(cancellationToken);

    /// <summary>Wakes every loop, e.g. after a global pause.</summary>
    public void WakeAll()
    {
        foreach (var destination in _destinations.Values)
        {
            destination.Wake();
        }
    }

    internal DateTimeOffset GlobalPauseUntil
    {
        get
        {
            lock (_gate)
            {
                return _globalPauseUntil;
            }
        }
    }

    /// <summary>A global 429 holds back every destination, not only the one that met it.</summary>
    internal void PauseAll(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until <= _globalPauseUntil)
            {
                return;
            }

            _globalPauseUntil = until;
        }

        WakeAll();
    }

    /// <summary>
    /// Waits until no destination has anything to do before <paramref name="wait"/> has passed (each is idle with
    /// nothing due, stopped, or sleeps beyond it), or until it has passed.
    /// </summary>
    /// <returns>Whether every destination settled; false when the wait ended first.</returns>
    public async Task<bool> WaitUntilSettledAsync(TimeSpan wait, TimeProvider timeProvider, CancellationToken cancellationToken, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var deadline = timeProvider.GetUtcNow() + wait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (_destinations.Values.Where(destination => only is null || only.Contains(destination.Key)).All(destination => destination.IsSettled(timeProvider.GetUtcNow(), deadline)))
            {
                return true;
            }

            var left = deadline - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero && wait > TimeSpan.Zero)
            {
                return false;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timeout = Task.Delay(left > TimeSpan.Zero ? left : Timeout.InfiniteTimeSpan, timeProvider, stop.Token);
            await Task.WhenAny(changed, timeout).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void OnChanged()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
