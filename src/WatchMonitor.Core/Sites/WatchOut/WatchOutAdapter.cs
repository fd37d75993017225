using WatchMonitor.Listings;

namespace WatchMonitor.Sites.WatchOut;

/// <summary>Watch Out: products.json first, the HTML collection page when it fails (docs/dealers.md#watch_out).</summary>
public sealed class WatchOutAdapter : SiteAdapter
{
    public override SiteDefinition Site => SiteCatalog.WatchOut;

    /// <exception cref="PageFormatException">The page starts like JSON but is not valid JSON.</exception>
    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        return WatchOutProductsJson.LooksLikeJson(pageText)
            ? WatchOutProductsJson.Parse(pageText, baseUrl, NewListing)
            : ParseCollectionPage(pageText, baseUrl);
    }

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);
        WatchOutDetailPage.Apply(listing, document);
    }

    public override async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ProductsJsonUrl is { } productsJsonUrl)
        {
            try
            {
                var json = await fetcher.GetStringAsync(productsJsonUrl, cancellationToken).ConfigureAwait(false);
                return WatchOutProductsJson.Parse(json, endpoints.BaseUrl, NewListing);
            }
            catch (HttpRequestException)
            {
                // The HTML collection page below is the fallback.
            }
            catch (PageFormatException)
            {
                // A login wall or an error page instead of JSON: the HTML page may still be readable.
            }
        }

        var page = await fetcher.GetStringAsync(endpoints.ListingUrl, cancellationToken).ConfigureAwait(false);
        return ParseCollectionPage(page, endpoints.BaseUrl);
    }

    private ListingPage ParseCollectionPage(string pageText, string baseUrl)
    {
        using var document = ParseHtml(pageText);
        return WatchOutCollectionPage.Parse(document, baseUrl, NewListing);
    }
}
