using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WatchOut;

internal static partial class WatchOutProductsJson
{
    /// <exception cref="PageFormatException">The text is not a JSON object.</exception>
    public static ListingPage Parse(string json, string baseUrl, Func<string, Listing> newListing)
    {
        if (!LooksLikeJson(json))
        {
            throw new PageFormatException("Watch Out products.json is not a JSON object.");
        }

        using var document = ReadDocument(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("products", out var products)
            || products.ValueKind != JsonValueKind.Array)
        {
            return ListingPage.Empty;
        }

        var collector = new ListingCollector();
        foreach (var product in products.EnumerateArray())
        {
            if (product.ValueKind == JsonValueKind.Object)
            {
                collector.Parse(product, item => CreateListing(item, baseUrl, newListing), item => ShopifyJson.String(item, "handle"));
            }
        }

        return collector.ToPage();
    }

    // Some proxies keep a byte-order mark.
    public static bool LooksLikeJson(string pageText) =>
        pageText.AsSpan().TrimStart().TrimStart('\uFEFF').TrimStart().StartsWith("{", StringComparison.Ordinal);

    private static JsonDocument ReadDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new PageFormatException("Watch Out products.json is not valid JSON.", exception);
        }
    }

    private static Listing? CreateListing(JsonElement product, string baseUrl, Func<string, Listing> newListing)
    {
        var variant = ShopifyJson.FirstObject(product, "variants");
        var handle = ShopifyJson.String(product, "handle");
        if (string.IsNullOrWhiteSpace(handle)
            || (variant is { } first && first.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.False))
        {
            return null;
        }

        var rawTitle = ShopifyJson.String(product, "title");
        var vendor = ShopifyJson.String(product, "vendor");
        var sku = variant is { } v ? ShopifyJson.Scalar(v, "sku") : null;
        var priceText = variant is { } p ? ShopifyJson.Scalar(p, "price") : null;

        var listing = newListing(baseUrl.TrimEnd('/') + "/products/" + handle);
        listing.Title = string.IsNullOrEmpty(rawTitle) ? Listing.UnknownTitle : rawTitle;
        // Brand and model come from the cleaned vendor and title, so "A. Lange &amp; Söhne …" still finds its brand.
        (listing.Brand, listing.Model) = WatchOutNaming.BrandAndModel(RecordCleaner.Clean(vendor), RecordCleaner.Clean(rawTitle));
        listing.Reference = sku;
        listing.Price = ParsePrice(priceText, PriceParser.Parse);
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        var image = ShopifyJson.FirstObject(product, "images") is { } picture ? ShopifyJson.String(picture, "src") : null;
        listing.ImageUrl = string.IsNullOrWhiteSpace(image) ? null : UrlJoiner.Join(baseUrl, image.Trim());
        listing.AssignIdentity(ReferenceInputs(listing, vendor, rawTitle, sku, priceText));
        return listing;
    }

    // The Python monitor split the raw vendor and title and its model fell back to "Unknown Watch".
    private static CompositeIdInputs ReferenceInputs(Listing listing, string? vendor, string? rawTitle, string? sku, string? priceText)
    {
        var title = string.IsNullOrEmpty(rawTitle) ? Listing.UnknownTitle : rawTitle;
        var (brand, model) = WatchOutNaming.BrandAndModel(vendor, title);
        return new CompositeIdInputs(brand, model, sku, ParsePrice(priceText, PriceParser.ParseAsReference), null, null, title, listing.Url);
    }

    // Shopify's "0.00" is price on request.
    private static decimal? ParsePrice(string? text, Func<string?, decimal?> priceParser)
    {
        if (text is null)
        {
            return null;
        }

        var amount = PlainNumber().IsMatch(text)
            ? decimal.Parse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : priceParser(text);
        return amount == 0m ? null : amount;
    }

    // Shopify's decimal price string: "25000.00", "6900".
    [GeneratedRegex(@"^\s*\d+(?:\.\d+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
