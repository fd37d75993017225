using WatchMonitor.Listings;

namespace WatchMonitor.State;

/// <summary>What the database keeps of a listing; price and currency are the dealer's own, before any display conversion.</summary>
public sealed record ListingRecord(
    string CompositeId,
    string? LegacyId,
    string Url,
    string? Title,
    string? Brand,
    string? Model,
    string? Reference,
    decimal? Price,
    string? Currency,
    string? ImageUrl)
{
    public static ListingRecord From(Listing listing, decimal? price, string? currency)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new(listing.CompositeId, listing.LegacyCompositeId, listing.Url, listing.Title, listing.Brand, listing.Model, listing.Reference, price, currency, listing.ImageUrl);
    }
}

/// <summary>What a site's page last showed at a URL: the id it had then and its price (null: no price, e.g. on request).</summary>
public readonly record struct SeenPrice(string CompositeId, decimal? Price, string? Currency);
