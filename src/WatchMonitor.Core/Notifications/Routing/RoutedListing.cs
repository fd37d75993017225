using WatchMonitor.Listings;

namespace WatchMonitor.Notifications.Routing;

/// <summary>The fields of a listing that routes filter on.</summary>
/// <param name="PriceEur">The price in euros after any conversion; null when there is none or it is in another currency.</param>
public sealed record RoutedListing(string SiteKey, string Title, string? Brand, string? Model, string? Reference, decimal? PriceEur)
{
    /// <summary>A listing's fields, its price only when it is in euros (a USD price left unconverted has no euro price).</summary>
    public static RoutedListing From(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var euros = string.Equals(listing.Currency, "EUR", StringComparison.OrdinalIgnoreCase) ? listing.Price : null;
        return new RoutedListing(listing.SiteKey, listing.Title, listing.Brand, listing.Model, listing.Reference, euros);
    }
}
