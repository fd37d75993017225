using WatchMonitor.Listings;

namespace WatchMonitor.Sites.Grimmeissen;

/// <summary>Placeholder until the adapter lands.</summary>
public sealed class GrimmeissenAdapter : SiteAdapter
{
    public override SiteDefinition Site => SiteCatalog.Grimmeissen;

    public override IReadOnlyList<Listing> ParseListings(string pageText, string baseUrl) => [];

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
    }
}
