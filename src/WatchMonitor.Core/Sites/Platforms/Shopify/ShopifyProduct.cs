using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WatchMonitor.Sites.Platforms.Shopify;

/// <summary>One product of a <c>products.json</c>, read at once so no JSON element outlives its document.</summary>
/// <param name="PriceText">The chosen variant's price as written: "12500.00", 6900, or null without a variant.</param>
/// <param name="Sku">The chosen variant's SKU: the shop's stock number or the watch's reference.</param>
internal sealed partial record ShopifyProduct(
    string Handle,
    string? Title,
    string? Vendor,
    string? Sku,
    string? PriceText,
    string? ImageSource,
    string? BodyHtml)
{
    /// <summary>The product with <paramref name="variant"/>'s price and SKU; null without a handle.</summary>
    public static ShopifyProduct? Read(JsonElement product, JsonElement? variant)
    {
        var handle = JsonFields.String(product, "handle")?.Trim();
        if (string.IsNullOrEmpty(handle))
        {
            return null;
        }

        var image = JsonFields.FirstObject(product, "images") is { } picture ? JsonFields.String(picture, "src")?.Trim() : null;
        return new ShopifyProduct(
            handle,
            JsonFields.String(product, "title"),
            JsonFields.String(product, "vendor"),
            variant is { } sku ? JsonFields.Scalar(sku, "sku") : null,
            variant is { } price ? JsonFields.Scalar(price, "price") : null,
            string.IsNullOrEmpty(image) ? null : image,
            JsonFields.String(product, "body_html"));
    }

    /// <summary>
    /// The first variant a buyer can order; false when every variant is sold. A product without variants counts as
    /// available, without a price.
    /// </summary>
    public static bool TryFindOrderableVariant(JsonElement product, out JsonElement? variant)
    {
        variant = null;
        if (Variants(product) is not { } variants)
        {
            return true;
        }

        foreach (var candidate in variants.EnumerateArray())
        {
            if (candidate.ValueKind == JsonValueKind.Object && !IsSold(candidate))
            {
                variant = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The first variant decides: false when it is sold, whatever the others say (a one-piece shop's rule).</summary>
    public static bool TryTakeFirstVariant(JsonElement product, out JsonElement? variant)
    {
        variant = JsonFields.FirstObject(product, "variants");
        return variant is not { } first || !IsSold(first);
    }

    /// <summary>"25000.00" or 6900 as written; other text through <paramref name="priceParser"/>; Shopify's "0.00" is price on request.</summary>
    public decimal? Price(Func<string?, decimal?> priceParser)
    {
        ArgumentNullException.ThrowIfNull(priceParser);
        if (PriceText is null)
        {
            return null;
        }

        var amount = PlainNumber().IsMatch(PriceText)
            ? decimal.Parse(PriceText.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : priceParser(PriceText);
        return amount == 0m ? null : amount;
    }

    private static JsonElement? Variants(JsonElement product) =>
        product.TryGetProperty("variants", out var variants) && variants.ValueKind == JsonValueKind.Array && variants.GetArrayLength() > 0
            ? variants
            : null;

    private static bool IsSold(JsonElement variant) =>
        variant.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.False;

    // Shopify's decimal price string: "25000.00", "6900".
    [GeneratedRegex(@"^\s*\d+(?:\.\d+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
