using WatchMonitor.Listings;

namespace WatchMonitor.Sites.WatchOut;

/// <summary>Placeholder until the adapter lands.</summary>
public sealed class WatchOutAdapter : SiteAdapter
{
    public override SiteDefinition Site => SiteCatalog.WatchOut;

    public override IReadOnlyList<Listing> ParseListings(string pageText, string baseUrl) => [];

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
    }
}
