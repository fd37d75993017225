using WatchMonitor.Listings;

namespace WatchMonitor.Sites.TropicalWatch;

/// <summary>Placeholder until the adapter lands.</summary>
public sealed class TropicalWatchAdapter : SiteAdapter
{
    public override SiteDefinition Site => SiteCatalog.TropicalWatch;

    public override IReadOnlyList<Listing> ParseListings(string pageText, string baseUrl) => [];

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
    }
}
