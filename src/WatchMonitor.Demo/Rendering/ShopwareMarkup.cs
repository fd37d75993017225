using System.Text;
using System.Text.Json;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>Markup shared by the two Shopware 6 shops (Juwelier Exchange and Rüschenbeck).</summary>
internal static class ShopwareMarkup
{
    /// <summary>Thumbnail variants Shopware generates for every product image.</summary>
    public static readonly int[] ThumbnailSizes = [400, 800, 1920];

    /// <summary>"…/watch-17-400x400.webp 400w, …-800x800.webp 800w, …-1920x1920.webp 1920w".</summary>
    public static string SrcSet(string imageUrlWithoutExtension) =>
        string.Join(", ", ThumbnailSizes.Select(size => $"{imageUrlWithoutExtension}-{size}x{size}.webp {size}w"));

    /// <summary>The product JSON-LD block, written with Shopware's spacing (<c>"@type": "Product"</c>).</summary>
    public static string JsonLd(FakeListing listing, string name, string url, string imageUrl, string description, string sku)
    {
        var builder = new StringBuilder();
        builder.Append("<script type=\"application/ld+json\">\n{\n");
        builder.Append("    \"@context\": \"https://schema.org/\",\n");
        builder.Append("    \"@type\": \"Product\",\n");
        builder.Append($"    \"name\": {Json(name)},\n");
        builder.Append($"    \"description\": {Json(description)},\n");
        builder.Append($"    \"sku\": {Json(sku)},\n");
        builder.Append($"    \"image\": {Json(imageUrl)},\n");
        builder.Append($"    \"brand\": {{\n        \"@type\": \"Brand\",\n        \"name\": {Json(listing.Brand)}\n    }},\n");
        builder.Append("    \"offers\": [{\n        \"@type\": \"Offer\",\n");
        builder.Append("        \"priceCurrency\": \"EUR\",\n");
        builder.Append($"        \"price\": {Json(listing.Price is { } price ? PriceFormats.Plain(price) : "0.00")},\n");
        builder.Append($"        \"availability\": \"https://schema.org/{(listing.Sold ? "SoldOut" : "InStock")}\",\n");
        builder.Append($"        \"url\": {Json(url)}\n    }}]\n}}\n</script>");
        return builder.ToString();
    }

    /// <summary>A JSON string literal that is also safe inside an HTML script element or attribute.</summary>
    public static string Json(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";

    /// <summary>The properties table of a product detail page.</summary>
    public static string PropertiesTable(IEnumerable<(string Label, string Value)> rows)
    {
        var builder = new StringBuilder("<table class=\"table table-striped product-detail-properties-table\">\n<tbody>\n");
        foreach (var (label, value) in rows)
        {
            builder.Append($"""<tr class="properties-row"><th class="properties-label">{Html.Encode(label)}:</th><td class="properties-value">{Html.Encode(value)}</td></tr>""").Append('\n');
        }

        return builder.Append("</tbody>\n</table>").ToString();
    }

    public static string Price(FakeListing listing) =>
        listing.Sold ? "Verkauft" : listing.Price is { } price ? PriceFormats.GermanEuroCents(price) : "Preis auf Anfrage";
}
