using System.Text.Json;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Platforms.Shopify;

/// <summary>
/// Any Shopify shop: the listing URL is a collection page, read through the collection's public
/// <c>products.json</c> (docs/adding-a-dealer.md). Everything an alert needs is in that one document, the
/// description (<c>body_html</c>) included, so no detail page is fetched. A built-in Shopify dealer derives from
/// this class and replaces only the rules its shop needs (docs/dealers.md).
/// </summary>
public class ShopifyAdapter(SiteDefinition site) : SiteAdapter
{
    public override SiteDefinition Site => site;

    /// <summary>"https://shop.de/collections/new?sort_by=created-descending" → "https://shop.de/collections/new/products.json?limit=250".</summary>
    public static string ProductsJsonUrl(string listingUrl)
    {
        ArgumentNullException.ThrowIfNull(listingUrl);
        var end = listingUrl.IndexOfAny(['?', '#']);
        var path = (end < 0 ? listingUrl : listingUrl[..end]).TrimEnd('/');
        if (path.EndsWith("/products.json", StringComparison.Ordinal))
        {
            path = path[..^"/products.json".Length];
        }

        return path + "/products.json?limit=250";
    }

    /// <exception cref="PageFormatException">The text is not a products.json document.</exception>
    public override ListingPage ParseListings(string pageText, string baseUrl) => ParseProducts(pageText, baseUrl);

    /// <summary>The collection's products.json: the configured URL, else the one next to the listing URL.</summary>
    public override async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        var json = await fetcher.GetStringAsync(endpoints.ProductsJsonUrl ?? ProductsJsonUrl(endpoints.ListingUrl), cancellationToken).ConfigureAwait(false);
        return ParseProducts(json, endpoints.BaseUrl);
    }

    /// <exception cref="PageFormatException">The text is not a products.json document.</exception>
    private protected ListingPage ParseProducts(string json, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var document = PlatformJson.Parse(json, Site.DisplayName + " products.json");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("products", out var products) || products.ValueKind != JsonValueKind.Array)
        {
            return WithoutProducts();
        }

        var collector = new ListingCollector();
        foreach (var product in products.EnumerateArray())
        {
            if (product.ValueKind == JsonValueKind.Object)
            {
                collector.Parse(product, item => ParseProduct(item, baseUrl), item => JsonFields.String(item, "handle"));
            }
        }

        return collector.ToPage();
    }

    /// <summary>Nothing to fetch: <c>body_html</c> was read with the listing.</summary>
    public override Task FetchDetailsAsync(IPageFetcher fetcher, Listing listing, SiteEndpoints endpoints, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Reads a product's own JSON (<c>/products/&lt;handle&gt;.json</c>) or its HTML description.</summary>
    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        string? bodyHtml = pageText;
        if (PlatformJson.LooksLikeJson(pageText))
        {
            using var document = PlatformJson.Parse(pageText, "Shopify product JSON");
            var product = JsonFields.Object(document.RootElement, "product") ?? document.RootElement;
            bodyHtml = JsonFields.String(product, "body_html");
        }

        ApplyDescription(listing, bodyHtml);
    }

    /// <summary>A JSON document without a "products" array: a wrong URL here; a shop may read it as an empty collection.</summary>
    /// <exception cref="PageFormatException">Always, unless a shop's rule says otherwise.</exception>
    private protected virtual ListingPage WithoutProducts() =>
        throw new PageFormatException("Shopify products.json has no \"products\" array: is the listing URL a collection page (…/collections/<name>)?");

    /// <summary>The variant whose price and SKU the listing takes; false when the product is sold.</summary>
    private protected virtual bool TryChooseVariant(JsonElement product, out JsonElement? variant) =>
        ShopifyProduct.TryFindOrderableVariant(product, out variant);

    /// <summary>The listing of an unsold product, its composite id assigned.</summary>
    private protected virtual Listing CreateListing(ShopifyProduct product, string baseUrl)
    {
        var listing = NewProductListing(product, baseUrl);
        (listing.Brand, listing.Model) = KnownBrands.Split(product.Vendor, product.Title, Site.DisplayName);
        ApplyDescription(listing, product.BodyHtml);
        listing.Reference ??= SkuInTitle(product.Sku, listing.Title);
        listing.AssignIdentity();
        return listing;
    }

    /// <summary>URL, title, price and image: what every Shopify product states the same way.</summary>
    private protected Listing NewProductListing(ShopifyProduct product, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(product);
        var listing = NewListing(baseUrl.TrimEnd('/') + "/products/" + product.Handle);
        listing.Title = string.IsNullOrEmpty(product.Title) ? Listing.UnknownTitle : product.Title;
        listing.Price = product.Price(PriceParser.Parse);
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        listing.ImageUrl = product.ImageSource is { } image ? UrlJoiner.Join(baseUrl, image) : null;
        return listing;
    }

    private Listing? ParseProduct(JsonElement product, string baseUrl) =>
        TryChooseVariant(product, out var variant) && ShopifyProduct.Read(product, variant) is { } read
            ? CreateListing(read, baseUrl)
            : null;

    private static void ApplyDescription(Listing listing, string? bodyHtml)
    {
        if (string.IsNullOrWhiteSpace(bodyHtml))
        {
            return;
        }

        using var document = ParseHtml(bodyHtml);
        TextFacts.Read(TextFacts.LinesOf(document.Body), listing.Title).FillMissing(listing);
    }

    /// <summary>A SKU is the shop's stock number unless the title states it too, where it is the watch's reference.</summary>
    internal static string? SkuInTitle(string? sku, string title)
    {
        var trimmed = sku?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var start = title.IndexOf(trimmed, StringComparison.OrdinalIgnoreCase);
        while (start >= 0)
        {
            var end = start + trimmed.Length;
            if ((start == 0 || !char.IsLetterOrDigit(title[start - 1])) && (end == title.Length || !char.IsLetterOrDigit(title[end])))
            {
                return trimmed;
            }

            start = title.IndexOf(trimmed, start + 1, StringComparison.OrdinalIgnoreCase);
        }

        return null;
    }
}
