using System.Text.Json;
using AngleSharp.Dom;

namespace WatchMonitor.Sites.Platforms;

/// <summary>
/// The schema.org product of a page's structured data; each field trimmed, null when blank. Parsed as JSON: the
/// Python monitor's text search for "@type": "Product" missed compact or array-typed markup.
/// </summary>
internal sealed record JsonLdProduct(string? Name, string? Brand, string? Mpn, string? Model, string? Description)
{
    private const int MaxDepth = 8;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static JsonLdProduct? Find(IParentNode document)
    {
        // <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"…"}</script>
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            var product = Read(script.TextContent);
            if (product is not null)
            {
                return product;
            }
        }

        return null;
    }

    private static JsonLdProduct? Read(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return FindProduct(document.RootElement, 0) is { } product
                ? new JsonLdProduct(Text(product, "name"), BrandName(product), Text(product, "mpn"), Text(product, "model"), Text(product, "description"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Top-level object, top-level array, or an "@graph" array (also nested in one another).
    private static JsonElement? FindProduct(JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindProduct(item, depth + 1) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty("@type", out var type) && IsProductType(type))
        {
            return element;
        }

        return element.TryGetProperty("@graph", out var graph) ? FindProduct(graph, depth + 1) : null;
    }

    // "Product", ["Product", "IndividualProduct"] or "https://schema.org/Product".
    private static bool IsProductType(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => IsProduct(type.GetString()),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && IsProduct(t.GetString())),
        _ => false,
    };

    private static bool IsProduct(string? type) =>
        type is not null && (type == "Product" || type.EndsWith("/Product", StringComparison.Ordinal));

    // {"brand": {"@type": "Brand", "name": "Rolex"}}, {"brand": "Rolex"} or {"brand": [{"name": "Rolex"}]}.
    private static string? BrandName(JsonElement product)
    {
        if (!product.TryGetProperty("brand", out var brand))
        {
            return null;
        }

        if (brand.ValueKind == JsonValueKind.Array)
        {
            brand = brand.EnumerateArray().FirstOrDefault();
        }

        return brand.ValueKind switch
        {
            JsonValueKind.String => NonBlank(brand.GetString()),
            JsonValueKind.Object => Text(brand, "name"),
            _ => null,
        };
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? NonBlank(value.GetString())
            : null;

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
