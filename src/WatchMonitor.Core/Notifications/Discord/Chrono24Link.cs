using System.Text;

namespace WatchMonitor.Notifications.Discord;

/// <summary>The "search similar" link of an embed (docs/parsing-rules.md#chrono24-link).</summary>
public static class Chrono24Link
{
    private const string Prefix = "https://www.chrono24.de/search/index.htm?dosearch=true&query=";

    /// <summary>("A. Lange &amp; Söhne", "Datograph", "403.035") → "…query=A.+Lange+%26+S%C3%B6hne+Datograph+403.035&amp;sortorder=1".</summary>
    public static string For(string? brand, string? model, string? reference)
    {
        var query = new StringBuilder();
        Append(query, brand);
        Append(query, ModelWithoutBrand(brand, model));
        Append(query, reference);
        return Prefix + Uri.EscapeDataString(query.ToString()).Replace("%20", "+", StringComparison.Ordinal) + "&sortorder=1";
    }

    /// <summary>The model with a leading brand cut off; null when nothing remains.</summary>
    public static string? ModelWithoutBrand(string? brand, string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(brand) && model.StartsWith(brand, StringComparison.OrdinalIgnoreCase))
        {
            var rest = model[brand.Length..].Trim();
            return rest.Length == 0 ? null : rest;
        }

        return model;
    }

    private static void Append(StringBuilder query, string? part)
    {
        if (string.IsNullOrEmpty(part))
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append(' ');
        }

        query.Append(part);
    }
}
