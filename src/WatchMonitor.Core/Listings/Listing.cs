using WatchMonitor.Parsing;

namespace WatchMonitor.Listings;

/// <summary>
/// One watch as a dealer lists it. Its id is fixed by <see cref="AssignIdentity"/> from the listing page and never
/// recomputed, so detail pages and currency conversion cannot change which listings count as seen.
/// </summary>
public sealed class Listing
{
    public const string UnknownTitle = "Unknown Watch";

    public required string SiteKey { get; init; }

    public required string Url { get; init; }

    public string Title { get; set; } = UnknownTitle;

    public string? Brand { get; set; }

    public string? Model { get; set; }

    public string? Reference { get; set; }

    /// <summary>Four-digit year as text, e.g. "1968".</summary>
    public string? Year { get; set; }

    public decimal? Price { get; set; }

    /// <summary>ISO code: EUR or USD.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>What the embed shows, e.g. "€8.500"; null when there is no price.</summary>
    public string? PriceDisplay { get; set; }

    /// <summary>The amount in the dealer's own currency when <see cref="Price"/> was converted for display.</summary>
    public decimal? OriginalPrice { get; set; }

    public string? ImageUrl { get; set; }

    /// <summary>Five-character star rating, e.g. "★★★★☆".</summary>
    public string? Condition { get; set; }

    public bool? HasPapers { get; set; }

    public bool? HasBox { get; set; }

    public string? CaseMaterial { get; set; }

    public string? Diameter { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    private string? _plainCompositeId;

    public string CompositeId { get; private set; } = "";

    /// <summary>The Python monitor's id for this listing where its parsing defects give another one (docs/ids.md).</summary>
    public string? LegacyCompositeId { get; private set; }

    /// <summary>Cleans the id fields and fixes the id (docs/parsing-rules.md#record-cleaning).</summary>
    /// <param name="referenceInputs">The inputs as the Python monitor parsed them, where a corrected rule differs.</param>
    public void AssignIdentity(CompositeIdInputs? referenceInputs = null)
    {
        Title = RecordCleaner.Clean(Title) ?? UnknownTitle;
        Brand = RecordCleaner.Clean(Brand);
        Model = RecordCleaner.Clean(Model);
        Reference = RecordCleaner.Clean(Reference);
        CompositeId = Listings.CompositeId.Compute(CompositeIdInputs.From(this));
        var legacy = Listings.CompositeId.Compute((referenceInputs ?? CompositeIdInputs.From(this)).Cleaned(), pythonFloatCents: true);
        LegacyCompositeId = legacy == CompositeId ? null : legacy;
    }

    /// <summary>The composite id every listing with these fields shares, whether or not this one is a twin.</summary>
    public string PlainCompositeId => _plainCompositeId ?? CompositeId;

    /// <summary>True when <see cref="BecomeTwin"/> gave this listing its URL-qualified id.</summary>
    public bool IsTwin => _plainCompositeId is not null;

    /// <summary>The id this listing takes as a twin (<see cref="Listings.CompositeId.ForTwin"/>).</summary>
    public string TwinId => Listings.CompositeId.ForTwin(PlainCompositeId, Url);

    /// <summary>
    /// Gives this listing its URL-qualified id because another listing on its page keeps the plain one. The legacy
    /// id goes: the Python version recorded one id for both watches, and it belongs to the other.
    /// </summary>
    public void BecomeTwin()
    {
        if (IsTwin)
        {
            return;
        }

        _plainCompositeId = CompositeId;
        CompositeId = TwinId;
        LegacyCompositeId = null;
    }

    /// <summary>Ids under which this listing may already be recorded as seen.</summary>
    public IEnumerable<string> KnownIds()
    {
        yield return CompositeId;
        if (LegacyCompositeId is not null)
        {
            yield return LegacyCompositeId;
        }
    }
}
