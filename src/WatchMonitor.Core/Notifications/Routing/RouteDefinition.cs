namespace WatchMonitor.Notifications.Routing;

/// <summary>
/// One route: which listing events it takes and where it sends them (docs/notifications.md#routes). Every filter
/// that is set must pass; an empty one lets everything through.
/// </summary>
/// <param name="Name">The configuration name (<c>Notifications:Routes:&lt;name&gt;</c>), or "site:&lt;key&gt;" for a site's own webhook.</param>
/// <param name="Sites">Site keys; empty for all sites.</param>
/// <param name="Brands">Any of these brands, compared word by word and case-insensitively; empty for any brand.</param>
/// <param name="Keywords">Any of these phrases as whole words in the title, model or reference; empty for any.</param>
/// <param name="Exclude">None of these phrases may appear there.</param>
/// <param name="MinPriceEur">Inclusive lower bound in euros; a listing without a euro price fails any bound.</param>
/// <param name="MaxPriceEur">Inclusive upper bound in euros.</param>
/// <param name="Kinds">The events the route takes.</param>
/// <param name="To">Its destinations.</param>
/// <param name="Digest">When set, matches are collected and sent once a day instead of one by one.</param>
/// <param name="IsImplicit">True for a site's own webhook, which takes all of its site's listings.</param>
public sealed record RouteDefinition(
    string Name,
    IReadOnlySet<string> Sites,
    IReadOnlyList<string> Brands,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Exclude,
    decimal? MinPriceEur,
    decimal? MaxPriceEur,
    IReadOnlySet<ListingEventKind> Kinds,
    IReadOnlyList<DestinationAddress> To,
    DigestSchedule? Digest,
    bool IsImplicit)
{
    public const string ImplicitPrefix = "site:";

    /// <summary>Whether the route takes this event of this listing.</summary>
    public bool Matches(RoutedListing listing, ListingEventKind kind) => new RouteFilter(this).Matches(new ListingWords(listing), kind);

    public override string ToString() => Name;
}
