using System.Collections.Frozen;

namespace WatchMonitor.Notifications.Routing;

/// <summary>
/// All routes of this run, explicit ones in name order, then the sites' own webhooks, and the distinct destinations
/// they name. Built once at start (<see cref="RouteTableBuilder"/>) and read-only after.
/// </summary>
public sealed class RouteTable
{
    private readonly FrozenDictionary<string, DestinationAddress> _destinations;
    private readonly RouteFilter[] _filters;

    public RouteTable(IEnumerable<RouteDefinition> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var all = routes.ToList();
        Routes = [.. all.Where(route => !route.IsImplicit).OrderBy(route => route.Name, StringComparer.OrdinalIgnoreCase),
            .. all.Where(route => route.IsImplicit)];
        _filters = [.. Routes.Select(route => new RouteFilter(route))];
        var destinations = new List<DestinationAddress>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var destination in Routes.SelectMany(route => route.To).Where(destination => keys.Add(destination.Key)))
        {
            destinations.Add(destination);
        }

        Destinations = destinations;
        _destinations = destinations.ToFrozenDictionary(destination => destination.Key, StringComparer.Ordinal);
    }

    public static RouteTable Empty { get; } = new([]);

    public IReadOnlyList<RouteDefinition> Routes { get; }

    /// <summary>Distinct by <see cref="DestinationAddress.Key"/>, in the order routes first name them.</summary>
    public IReadOnlyCollection<DestinationAddress> Destinations { get; }

    public DestinationAddress? FindDestination(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _destinations.GetValueOrDefault(key);
    }

    /// <summary>
    /// The destinations that receive this event, each once: when several routes send it to the same destination the
    /// first of them in <see cref="Routes"/> order is the one matched.
    /// </summary>
    public IReadOnlyList<RouteMatch> Match(RoutedListing listing, ListingEventKind kind)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var words = new ListingWords(listing);
        List<RouteMatch>? matches = null;
        HashSet<string>? taken = null;
        foreach (var filter in _filters)
        {
            if (!filter.Matches(words, kind))
            {
                continue;
            }

            foreach (var destination in filter.Route.To)
            {
                taken ??= new HashSet<string>(StringComparer.Ordinal);
                if (taken.Add(destination.Key))
                {
                    (matches ??= []).Add(new RouteMatch(filter.Route, destination));
                }
            }
        }

        return matches ?? (IReadOnlyList<RouteMatch>)[];
    }

    /// <summary>The routes that send to <paramref name="destinationKey"/>.</summary>
    public IReadOnlyList<RouteDefinition> RoutesTo(string destinationKey) =>
        [.. Routes.Where(route => route.To.Any(destination => destination.Key == destinationKey))];
}
