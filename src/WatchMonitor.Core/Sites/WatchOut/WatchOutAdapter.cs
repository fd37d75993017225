using System.Text.Json;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.Platforms;
using WatchMonitor.Sites.Platforms.Shopify;

namespace WatchMonitor.Sites.WatchOut;

/// <summary>
/// Watch Out, a Shopify shop: the platform's products.json reading, with the shop's naming and legacy-id rules, its
/// HTML collection page when the feed fails, and its product pages for the details (docs/dealers.md#watch_out).
/// </summary>
public sealed class WatchOutAdapter() : ShopifyAdapter(SiteCatalog.WatchOut)
{
    /// <exception cref="PageFormatException">The page starts like JSON but is not valid JSON.</exception>
    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        return PlatformJson.LooksLikeJson(pageText) ? ParseProducts(pageText, baseUrl) : ParseCollectionPage(pageText, baseUrl);
    }

    public override async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ProductsJsonUrl is not null)
        {
            try
            {
                return await base.FetchListingsAsync(fetcher, endpoints, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The product page holds the specification and condition that products.json lacks.</summary>
    public override Task FetchDetailsAsync(IPageFetcher fetcher, Listing listing, SiteEndpoints endpoints, CancellationToken cancellationToken) =>
        FetchDetailPageAsync(fetcher, listing, endpoints, cancellationToken);

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);
        WatchOutDetailPage.Apply(listing, document);
    }

    // A feed without products is an empty collection here, as it was in the Python monitor.
    private protected override ListingPage WithoutProducts() => ListingPage.Empty;

    // One watch per product: its first variant decides whether it is sold.
    private protected override bool TryChooseVariant(JsonElement product, out JsonElement? variant) =>
        ShopifyProduct.TryTakeFirstVariant(product, out variant);

    private protected override Listing CreateListing(ShopifyProduct product, string baseUrl)
    {
        var listing = NewProductListing(product, baseUrl);
        // Brand and model come from the cleaned vendor and title, so "A. Lange &amp; Söhne …" still finds its brand.
        (listing.Brand, listing.Model) = WatchOutNaming.BrandAndModel(RecordCleaner.Clean(product.Vendor), RecordCleaner.Clean(product.Title));
        listing.Reference = product.Sku;
        listing.AssignIdentity(ReferenceInputs(listing, product));
        return listing;
    }

    // The Python monitor split the raw vendor and title and its model fell back to "Unknown Watch".
    private static CompositeIdInputs ReferenceInputs(Listing listing, ShopifyProduct product)
    {
        var title = string.IsNullOrEmpty(product.Title) ? Listing.UnknownTitle : product.Title;
        var (brand, model) = WatchOutNaming.BrandAndModel(product.Vendor, title);
        return new CompositeIdInputs(brand, model, product.Sku, product.Price(PriceParser.ParseAsReference), null, null, title, listing.Url);
    }

    private ListingPage ParseCollectionPage(string pageText, string baseUrl)
    {
        using var document = ParseHtml(pageText);
        return WatchOutCollectionPage.Parse(document, baseUrl, NewListing);
    }
}
