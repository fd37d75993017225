using System.Globalization;
using System.Text.Json;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.WatchOut;

namespace WatchMonitor.Sites.Platforms.Shopify;

/// <summary>
/// Any Shopify shop: the listing URL is a collection page, read through the collection's public
/// <c>products.json</c> (docs/adding-a-dealer.md). Everything an alert needs is in that one document, the
/// description (<c>body_html</c>) included, so no detail page is fetched.
/// </summary>
public sealed class ShopifyAdapter(SiteDefinition site) : SiteAdapter
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
    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var document = PlatformJson.Parse(pageText, "Shopify products.json");
        if (!document.RootElement.TryGetProperty("products", out var products) || products.ValueKind != JsonValueKind.Array)
        {
            throw new PageFormatException("Shopify products.json has no \"products\" array: is the listing URL a collection page (…/collections/<name>)?");
        }

        var collector = new ListingCollector();
        foreach (var product in products.EnumerateArray())
        {
            if (product.ValueKind == JsonValueKind.Object)
            {
                collector.Parse(product, item => ParseProduct(item, baseUrl), item => ShopifyJson.String(item, "handle"));
            }
        }

        return collector.ToPage();
    }

    public override async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        var json = await fetcher.GetStringAsync(endpoints.ProductsJsonUrl ?? ProductsJsonUrl(endpoints.ListingUrl), cancellationToken).ConfigureAwait(false);
        return ParseListings(json, endpoints.BaseUrl);
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
            var product = ShopifyJson.Object(document.RootElement, "product") ?? document.RootElement;
            bodyHtml = ShopifyJson.String(product, "body_html");
        }

        ApplyDescription(listing, bodyHtml);
    }

    private Listing? ParseProduct(JsonElement product, string baseUrl)
    {
        var handle = ShopifyJson.String(product, "handle")?.Trim();
        if (string.IsNullOrEmpty(handle) || !TryFindAvailableVariant(product, out var variant))
        {
            return null;
        }

        var title = ShopifyJson.String(product, "title");
        var listing = NewListing(baseUrl.TrimEnd('/') + "/products/" + handle);
        listing.Title = title ?? Listing.UnknownTitle;
        (listing.Brand, listing.Model) = KnownBrands.Split(ShopifyJson.String(product, "vendor"), title, Site.DisplayName);
        listing.Price = variant is { } v ? Price(ShopifyJson.Scalar(v, "price")) : null;
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        var image = ShopifyJson.FirstObject(product, "images") is { } picture ? ShopifyJson.String(picture, "src") : null;
        listing.ImageUrl = string.IsNullOrWhiteSpace(image) ? null : UrlJoiner.Join(baseUrl, image.Trim());
        ApplyDescription(listing, ShopifyJson.String(product, "body_html"));
        listing.Reference ??= SkuInTitle(variant is { } s ? ShopifyJson.Scalar(s, "sku") : null, listing.Title);
        listing.AssignIdentity();
        return listing;
    }

    private static void ApplyDescription(Listing listing, string? bodyHtml)
    {
        if (string.IsNullOrWhiteSpace(bodyHtml))
        {
            return;
        }

        using var document = ParseHtml(bodyHtml);
        TextFacts.Read(TextFacts.LinesOf(document.Body), listing.Title).FillMissing(listing);
    }

    /// <summary>
    /// The first variant a buyer can order; false when every variant is sold, so the product is skipped. A product
    /// without variants counts as available, without a price.
    /// </summary>
    private static bool TryFindAvailableVariant(JsonElement product, out JsonElement? variant)
    {
        variant = null;
        if (!product.TryGetProperty("variants", out var variants) || variants.ValueKind != JsonValueKind.Array || variants.GetArrayLength() == 0)
        {
            return true;
        }

        foreach (var candidate in variants.EnumerateArray())
        {
            if (candidate.ValueKind == JsonValueKind.Object
                && !(candidate.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.False))
            {
                variant = candidate;
                return true;
            }
        }

        return false;
    }

    // "12500.00" → 12500; "0.00" (price on request) → none.
    private static decimal? Price(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount == 0m ? null : amount
            : PriceParser.Parse(text);

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
