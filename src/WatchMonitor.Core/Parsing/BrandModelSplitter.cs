namespace WatchMonitor.Parsing;

/// <summary>Brand and model from a title that starts with the brand (docs/parsing-rules.md#brandmodel-split).</summary>
public static class BrandModelSplitter
{
    /// <summary>"Rolex - Submariner" with key "rolex" → ("Rolex", "Submariner"); keys are tried in table order.</summary>
    public static (string? Brand, string? Model) Split(string title, IReadOnlyList<KeyValuePair<string, string>> knownBrands)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(knownBrands);
        var lower = title.ToLowerInvariant();
        foreach (var (key, display) in knownBrands)
        {
            if (!lower.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            var model = title[key.Length..].Trim();
            if (model.Length > 0 && model[0] is '-' or '|')
            {
                model = model[1..].Trim();
            }

            return (display, model.Length == 0 ? null : model);
        }

        var trimmed = title.Trim();
        if (trimmed.Length == 0)
        {
            return (null, null);
        }

        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, null) : (trimmed[..space], NullIfEmpty(trimmed[(space + 1)..].Trim()));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
