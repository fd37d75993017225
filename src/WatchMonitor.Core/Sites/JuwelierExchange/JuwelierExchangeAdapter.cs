using WatchMonitor.Listings;

namespace WatchMonitor.Sites.JuwelierExchange;

/// <summary>Placeholder until the adapter lands.</summary>
public sealed class JuwelierExchangeAdapter : SiteAdapter
{
    public override SiteDefinition Site => SiteCatalog.JuwelierExchange;

    public override IReadOnlyList<Listing> ParseListings(string pageText, string baseUrl) => [];

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
    }
}
