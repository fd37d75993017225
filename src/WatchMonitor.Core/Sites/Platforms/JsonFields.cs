using System.Text.Json;

namespace WatchMonitor.Sites.Platforms;

/// <summary>Tolerant reads from a shop's JSON (Shopify, WooCommerce, Shopware attributes), where any field may be missing, null or of another type.</summary>
internal static class JsonFields
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A string or a number as text ("116610LN", 1250000 → "1250000"); null for anything else.</summary>
    public static string? Scalar(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static JsonElement? FirstObject(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var array)
        && array.ValueKind == JsonValueKind.Array
        && array.GetArrayLength() > 0
        && array[0].ValueKind == JsonValueKind.Object
            ? array[0]
            : null;

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Object
            ? value
            : null;
}
