using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using WatchMonitor.Sites.Platforms;

namespace WatchMonitor.Sites.WatchOut;

// DisplayTitle is the variant name unless it is "Default Title"; ProductTitle is the title as products.json has it.
internal sealed record AnalyticsProduct(string? Vendor, string? DisplayTitle, string? ProductTitle, string? Url, decimal? Price, string? Sku);

internal static partial class WatchOutAnalytics
{
    private const string MetaMarker = "window.ShopifyAnalytics.meta";
    private const string DefaultTitle = "Default Title";

    public static IReadOnlyList<AnalyticsProduct?> Products(IDocument document)
    {
        // Every inline script; the analytics one reads "window.ShopifyAnalytics.meta = …; var meta = {…};".
        foreach (var script in document.QuerySelectorAll("script"))
        {
            var text = script.TextContent;
            if (!text.Contains(MetaMarker, StringComparison.Ordinal))
            {
                continue;
            }

            var meta = MetaObject().Match(text);
            if (meta.Success)
            {
                return ReadProducts(meta.Groups["json"].Value);
            }
        }

        return [];
    }

    private static List<AnalyticsProduct?> ReadProducts(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return [];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("products", out var products)
                || products.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return products.EnumerateArray().Select(ReadOrNull).ToList();
        }
    }

    private static AnalyticsProduct? ReadOrNull(JsonElement product)
    {
        try
        {
            return Read(product);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The card still parses from its own markup.
            return null;
        }
    }

    private static AnalyticsProduct Read(JsonElement product)
    {
        var variant = JsonFields.FirstObject(product, "variants");
        var variantProduct = variant is { } v ? JsonFields.Object(v, "product") : null;
        var name = variant is { } n ? NonEmpty(JsonFields.String(n, "name")) : null;
        if (name is not null && string.Equals(name.Trim(), DefaultTitle, StringComparison.OrdinalIgnoreCase))
        {
            name = null;
        }

        var untranslated = NonEmpty(JsonFields.String(product, "untranslatedTitle"));
        var title = NonEmpty(JsonFields.String(product, "title"));
        var productTitle = untranslated ?? title ?? (variantProduct is { } vp ? NonEmpty(JsonFields.String(vp, "title")) : null) ?? name;
        var url = (variantProduct is { } pu ? NonEmpty(JsonFields.String(pu, "url")) : null) ?? NonEmpty(JsonFields.String(product, "url"));
        var cents = variant is { } pv ? JsonFields.Scalar(pv, "price") : null;
        var sku = variant is { } sv ? NonEmpty(JsonFields.Scalar(sv, "sku")) : null;
        return new AnalyticsProduct(NonEmpty(JsonFields.String(product, "vendor")), name ?? untranslated ?? title, productTitle, url, FromCents(cents), sku);
    }

    private static decimal? FromCents(string? cents) =>
        decimal.TryParse(cents, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount != 0m
            ? amount / 100m
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // The object literal up to the first "}" before ";": var meta = {"products":[{…}],"page":{"pageType":"collection"}};
    [GeneratedRegex(@"var meta = (?<json>\{.*?\})\s*;", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MetaObject();
}
