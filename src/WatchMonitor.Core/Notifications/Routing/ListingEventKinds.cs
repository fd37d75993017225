namespace WatchMonitor.Notifications.Routing;

/// <summary>The configuration names of <see cref="ListingEventKind"/> and how a price change is classed.</summary>
public static class ListingEventKinds
{
    private static readonly (string Name, ListingEventKind Kind)[] Names =
        [("new", ListingEventKind.New), ("price_drop", ListingEventKind.PriceDrop), ("price_rise", ListingEventKind.PriceRise), ("sold", ListingEventKind.Sold)];

    /// <summary>"new", "price_drop", "price_rise", "sold".</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. Names.Select(pair => pair.Name)];

    public static string Name(ListingEventKind kind) => Names.First(pair => pair.Kind == kind).Name;

    /// <summary>Reads a configuration name, case-insensitively.</summary>
    public static bool TryParse(string name, out ListingEventKind kind)
    {
        foreach (var pair in Names)
        {
            if (string.Equals(pair.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = pair.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// A lower price is a drop and a higher one a rise. A price that appears (none before) counts as a drop: the watch
    /// became buyable at a price. One that disappears ("price on request") counts as a rise.
    /// </summary>
    public static ListingEventKind ForPriceChange(decimal? before, decimal? after) => (before, after) switch
    {
        (null, _) => ListingEventKind.PriceDrop,
        (_, null) => ListingEventKind.PriceRise,
        ({ } old, { } now) => now < old ? ListingEventKind.PriceDrop : ListingEventKind.PriceRise,
    };
}
