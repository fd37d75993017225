using WatchMonitor.Parsing;

namespace WatchMonitor.Listings;

/// <summary>The listing fields the composite id is made of (docs/ids.md).</summary>
public sealed record CompositeIdInputs(
    string? Brand,
    string? Model,
    string? Reference,
    decimal? Price,
    string? Year,
    string? CaseMaterial,
    string? Title,
    string? Url)
{
    public static CompositeIdInputs From(Listing listing) => new(
        listing.Brand,
        listing.Model,
        listing.Reference,
        listing.Price,
        listing.Year,
        listing.CaseMaterial,
        listing.Title,
        listing.Url);

    internal CompositeIdInputs Cleaned() => this with
    {
        Brand = RecordCleaner.Clean(Brand),
        Model = RecordCleaner.Clean(Model),
        Reference = RecordCleaner.Clean(Reference),
        Title = RecordCleaner.Clean(Title) ?? Listing.UnknownTitle,
    };
}
