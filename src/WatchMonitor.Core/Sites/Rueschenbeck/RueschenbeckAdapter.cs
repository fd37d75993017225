using WatchMonitor.Listings;

namespace WatchMonitor.Sites.Rueschenbeck;

/// <summary>Placeholder until the adapter lands.</summary>
public sealed class RueschenbeckAdapter : SiteAdapter
{
    public override SiteDefinition Site => SiteCatalog.Rueschenbeck;

    public override IReadOnlyList<Listing> ParseListings(string pageText, string baseUrl) => [];

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
    }
}
