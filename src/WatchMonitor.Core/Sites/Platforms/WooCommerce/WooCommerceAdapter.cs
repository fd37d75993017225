using System.Globalization;
using System.Text.Json;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.Platforms.Shopify;

namespace WatchMonitor.Sites.Platforms.WooCommerce;

/// <summary>
/// Any WooCommerce shop, read through its public Store API (<c>/wp-json/wc/store/v1/products</c>, newest first):
/// name, permalink, prices in minor units, stock, images, attributes and description are all in the feed, so no
/// detail page is fetched (docs/adding-a-dealer.md).
/// </summary>
public sealed class WooCommerceAdapter(SiteDefinition site) : SiteAdapter
{
    public const string StoreApiPath = "/wp-json/wc/store/v1/products?orderby=date&order=desc&per_page=100";

    public override SiteDefinition Site => site;

    /// <summary>The Store API under the base URL, or the listing URL itself when it already is a Store API query.</summary>
    public static string ProductsUrl(string listingUrl, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listingUrl);
        ArgumentNullException.ThrowIfNull(baseUrl);
        return listingUrl.Contains("/wp-json/wc/store/", StringComparison.Ordinal) ? listingUrl : baseUrl.TrimEnd('/') + StoreApiPath;
    }

    /// <exception cref="PageFormatException">The text is not the Store API's product array.</exception>
    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var document = PlatformJson.Parse(pageText, "WooCommerce Store API answer");
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new PageFormatException("WooCommerce Store API answer is not a product array: is the Store API enabled on this shop (WooCommerce 6 or later)?");
        }

        var collector = new ListingCollector();
        foreach (var product in document.RootElement.EnumerateArray())
        {
            if (product.ValueKind == JsonValueKind.Object)
            {
                collector.Parse(product, item => ParseProduct(item, baseUrl), item => JsonFields.String(item, "permalink"));
            }
        }

        return collector.ToPage();
    }

    public override async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        var url = endpoints.ProductsJsonUrl ?? ProductsUrl(endpoints.ListingUrl, endpoints.BaseUrl);
        return ParseListings(await fetcher.GetStringAsync(url, cancellationToken).ConfigureAwait(false), endpoints.BaseUrl);
    }

    /// <summary>Nothing to fetch: the feed carries the description and attributes.</summary>
    public override Task FetchDetailsAsync(IPageFetcher fetcher, Listing listing, SiteEndpoints endpoints, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Reads one product of the Store API (<c>…/products/&lt;id&gt;</c>) or an HTML description.</summary>
    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        if (!PlatformJson.LooksLikeJson(pageText))
        {
            ReadFacts(listing.Title, [], pageText).FillMissing(listing);
            return;
        }

        using var document = PlatformJson.Parse(pageText, "WooCommerce product");
        var product = document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
            ? document.RootElement[0]
            : document.RootElement;
        ReadFacts(listing.Title, Attributes(product), Description(product)).FillMissing(listing);
    }

    private Listing? ParseProduct(JsonElement product, string baseUrl)
    {
        var permalink = JsonFields.String(product, "permalink")?.Trim();
        if (string.IsNullOrEmpty(permalink) || (product.TryGetProperty("is_in_stock", out var stock) && stock.ValueKind == JsonValueKind.False))
        {
            return null;
        }

        var name = RecordCleaner.Clean(JsonFields.String(product, "name"));
        var attributes = Attributes(product);
        var facts = ReadFacts(name, attributes, Description(product));
        var listing = NewListing(UrlJoiner.Join(baseUrl, permalink));
        listing.Title = name ?? Listing.UnknownTitle;
        (listing.Brand, listing.Model) = KnownBrands.Split(BrandOf(product) ?? facts.Brand, name, Site.DisplayName);
        if (JsonFields.Object(product, "prices") is { } prices)
        {
            listing.Price = Price(prices);
            listing.Currency = JsonFields.String(prices, "currency_code") is { Length: 3 } code ? code.ToUpperInvariant() : listing.Currency;
        }

        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        var image = JsonFields.FirstObject(product, "images") is { } picture ? JsonFields.String(picture, "src") : null;
        listing.ImageUrl = string.IsNullOrWhiteSpace(image) ? null : UrlJoiner.Join(baseUrl, image.Trim());
        facts.FillMissing(listing);
        listing.Reference ??= ShopifyAdapter.SkuInTitle(JsonFields.Scalar(product, "sku"), listing.Title);
        listing.AssignIdentity();
        return listing;
    }

    private static TextFacts ReadFacts(string? title, List<string> attributes, string? descriptionHtml)
    {
        if (string.IsNullOrWhiteSpace(descriptionHtml))
        {
            return TextFacts.Read(attributes, title);
        }

        using var document = ParseHtml(descriptionHtml);
        return TextFacts.Read([.. attributes, .. TextFacts.LinesOf(document.Body)], title);
    }

    // {"prices": {"price": "1250000", "currency_minor_unit": 2}} → 12500; "" or "0" (price on request) → none.
    private static decimal? Price(JsonElement prices)
    {
        var minorUnit = prices.TryGetProperty("currency_minor_unit", out var unit) && unit.TryGetInt32(out var digits) && digits is >= 0 and <= 6 ? digits : 2;
        if (!decimal.TryParse(JsonFields.Scalar(prices, "price"), NumberStyles.None, CultureInfo.InvariantCulture, out var minor) || minor == 0m)
        {
            return null;
        }

        return minor / (decimal)Math.Pow(10, minorUnit);
    }

    // Newer WooCommerce versions name the brand in "brands": [{"name": "Rolex"}].
    private static string? BrandOf(JsonElement product) =>
        JsonFields.FirstObject(product, "brands") is { } brand ? JsonFields.String(brand, "name") : null;

    // {"attributes": [{"name": "Referenz", "terms": [{"name": "116610LN"}]}]} → "Referenz: 116610LN".
    private static List<string> Attributes(JsonElement product)
    {
        var lines = new List<string>();
        if (!product.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Array)
        {
            return lines;
        }

        foreach (var attribute in attributes.EnumerateArray())
        {
            var label = JsonFields.String(attribute, "name");
            var term = JsonFields.FirstObject(attribute, "terms") is { } first ? RecordCleaner.Clean(JsonFields.String(first, "name")) : null;
            if (!string.IsNullOrWhiteSpace(label) && term is not null)
            {
                lines.Add(label.Trim() + ": " + term);
            }
        }

        return lines;
    }

    private static string? Description(JsonElement product) =>
        string.Join("\n", new[] { JsonFields.String(product, "short_description"), JsonFields.String(product, "description") }
            .Where(text => !string.IsNullOrWhiteSpace(text)));
}
