using WatchMonitor.Configuration;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Delivery;

/// <summary>
/// The configured destinations (each one named by a route or a site's webhook, once however many routes name it)
/// and what they share: the wake signals the scanner pulls, whether each accepts new messages, and a service's
/// global rate limit. Its size is fixed by the configuration.
/// </summary>
public sealed class DestinationBoard : IDeliveryWaker, IDestinationStatus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeliveryDestination> _destinations;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stateReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<DestinationKind, DateTimeOffset> _globalPauseUntil = [];

    /// <summary>The sites' own webhooks only, as before routes: for tests of the delivery alone.</summary>
    public DestinationBoard(MonitorOptions options, IReadOnlyList<MonitoredSite> sites)
        : this(options, sites, new RouteTable(RouteTableBuilder.ImplicitRoutes(sites ?? throw new ArgumentNullException(nameof(sites)))), new NotificationOptions())
    {
    }

    public DestinationBoard(MonitorOptions options, IReadOnlyList<MonitoredSite> sites, RouteTable routes, NotificationOptions notificationOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(notificationOptions);
        _destinations = new Dictionary<string, DeliveryDestination>(StringComparer.Ordinal);
        if (!options.EnableNotifications)
        {
            return;
        }

        foreach (var address in routes.Destinations)
        {
            var routing = routes.RoutesTo(address.Key);
            var ownSites = routing.Where(route => route.IsImplicit).SelectMany(route => route.Sites).ToList();
            var site = sites.FirstOrDefault(candidate => ownSites.Contains(candidate.Key, StringComparer.Ordinal));
            var explicitRoute = routing.FirstOrDefault(route => !route.IsImplicit);
            var variable = site is not null
                ? site.Definition.WebhookEnvironmentVariable
                : $"Notifications__Routes__{explicitRoute?.Name}__To";
            var threadName = explicitRoute is not null && notificationOptions.RouteThreadNames.TryGetValue(explicitRoute.Name, out var routeThread)
                ? routeThread
                : ownSites.Select(key => notificationOptions.SiteThreadNames.GetValueOrDefault(key)).FirstOrDefault(name => name is not null);
            _destinations[address.Key] = new DeliveryDestination(address, variable, ownSites, threadName, OnChanged);
        }
    }

    public IReadOnlyCollection<DeliveryDestination> Destinations => _destinations.Values;

    /// <summary>By key, or by label (a site's own webhook by its site key).</summary>
    public DeliveryDestination? Find(string destinationKey) =>
        _destinations.GetValueOrDefault(destinationKey) ?? _destinations.Values.FirstOrDefault(destination => destination.Label == destinationKey);

    /// <summary>Every destination, ordered by label.</summary>
    public IReadOnlyList<DestinationReading> Read() =>
        [.. _destinations.Values.Select(destination => destination.Read()).OrderBy(reading => reading.Label, StringComparer.Ordinal)];

    /// <summary>A destination that is not configured accepts nothing to deliver, so it counts as accepting (the scanner logs instead).</summary>
    public bool IsAccepting(string destinationKey) => Find(destinationKey) is not { IsStopped: true };

    public void Wake(string destinationKey) => _destinations.GetValueOrDefault(destinationKey)?.Wake();

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

    internal DateTimeOffset GlobalPauseUntil(DestinationKind kind)
    {
        lock (_gate)
        {
            return _globalPauseUntil.GetValueOrDefault(kind, DateTimeOffset.MinValue);
        }
    }

    /// <summary>A global 429 holds back every destination of that service, not only the one that met it.</summary>
    internal void PauseAll(DestinationKind kind, DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until <= _globalPauseUntil.GetValueOrDefault(kind, DateTimeOffset.MinValue))
            {
                return;
            }

            _globalPauseUntil[kind] = until;
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

            if (_destinations.Values.Where(destination => only is null || only.Contains(destination.Key) || destination.OwnSites.Any(only.Contains)).All(destination => destination.IsSettled(timeProvider.GetUtcNow(), deadline)))
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
