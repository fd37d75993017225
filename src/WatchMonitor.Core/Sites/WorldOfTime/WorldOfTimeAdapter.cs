using WatchMonitor.Listings;

namespace WatchMonitor.Sites.WorldOfTime;

/// <summary>Placeholder until the adapter lands.</summary>
public sealed class WorldOfTimeAdapter : SiteAdapter
{
    public override SiteDefinition Site => SiteCatalog.WorldOfTime;

    public override IReadOnlyList<Listing> ParseListings(string pageText, string baseUrl) => [];

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
    }
}
