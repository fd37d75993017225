namespace WatchMonitor.Notifications.Routing;

/// <summary>A route's filters with its phrases cut into words once, for the route table to test every event against.</summary>
internal sealed class RouteFilter(RouteDefinition route)
{
    private readonly string[][] _brands = [.. route.Brands.Select(WordMatcher.Words)];
    private readonly string[][] _keywords = [.. route.Keywords.Select(WordMatcher.Words)];
    private readonly string[][] _exclude = [.. route.Exclude.Select(WordMatcher.Words)];

    public RouteDefinition Route { get; } = route;

    public bool Matches(ListingWords listing, ListingEventKind kind) =>
        Route.Kinds.Contains(kind)
        && (Route.Sites.Count == 0 || Route.Sites.Contains(listing.Listing.SiteKey))
        && PriceFits(listing.Listing.PriceEur)
        && (_brands.Length == 0 || _brands.Any(listing.HasBrand))
        && (_keywords.Length == 0 || _keywords.Any(listing.Mentions))
        && !_exclude.Any(listing.Mentions);

    private bool PriceFits(decimal? price)
    {
        if (Route.MinPriceEur is null && Route.MaxPriceEur is null)
        {
            return true;
        }

        return price is { } euros && (Route.MinPriceEur is not { } min || euros >= min) && (Route.MaxPriceEur is not { } max || euros <= max);
    }
}
