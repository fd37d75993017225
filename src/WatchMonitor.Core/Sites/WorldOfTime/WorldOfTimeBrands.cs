using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WorldOfTime;

internal static class WorldOfTimeBrands
{
    private const string Vintage = "Vintage";

    // The Python monitor's table, in its order; lookups go longest key first, ties keep this order.
    private static readonly KeyValuePair<string, string>[] Table =
    [
        new("patek philippe", "Patek Philippe"),
        new("rolex vintage", "Rolex"),
        new("rolex", "Rolex"),
        new("omega", "Omega"),
        new("iwc", "IWC"),
        new("jaeger lecoultre", "Jaeger LeCoultre"),
        new("cartier", "Cartier"),
        new("breitling", "Breitling"),
        new("audemars piguet", "Audemars Piguet"),
        new("heuer", "Heuer"),
        new("universal geneve", "Universal Genève"),
        new("panerai", "Panerai"),
        new("tudor", "Tudor"),
        new("longines", "Longines"),
        new("zenith", "Zenith"),
        new("a. lange & söhne", "A. Lange & Söhne"),
    ];

    private static readonly KeyValuePair<string, string>[] LongestKeyFirst =
        [.. Table.OrderByDescending(entry => entry.Key.Length)];

    // Key or display name may open the title: "Universal Geneve Polerouter" and "Universal Genève Polerouter" →
    // (Universal Genève, Polerouter). See docs/dealers.md#worldoftime.
    public static (string? Brand, string? Model) Split(string? cleanedTitle)
    {
        if (string.IsNullOrWhiteSpace(cleanedTitle))
        {
            return (null, null);
        }

        var lower = cleanedTitle.ToLowerInvariant();
        foreach (var (key, display) in LongestKeyFirst)
        {
            var prefix = lower.StartsWith(key, StringComparison.Ordinal) ? key
                : lower.StartsWith(display.ToLowerInvariant(), StringComparison.Ordinal) ? display
                : null;
            if (prefix is null)
            {
                continue;
            }

            var model = NullIfEmpty(cleanedTitle[prefix.Length..].Trim());
            return display == "Rolex" && lower.Contains("vintage", StringComparison.Ordinal)
                ? (display, VintageModel(RemoveWord(model, StringComparison.OrdinalIgnoreCase)))
                : (display, model);
        }

        return SplitAtFirstWord(cleanedTitle);
    }

    // The Python monitor cut the display name, not the key: "Universal Geneve Polerouter" keeps the whole title as model.
    public static (string? Brand, string? Model) SplitAsReference(string rawTitle)
    {
        var lower = rawTitle.ToLowerInvariant();
        foreach (var (key, display) in LongestKeyFirst)
        {
            if (!lower.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            var model = rawTitle.StartsWith(display, StringComparison.OrdinalIgnoreCase) ? rawTitle[display.Length..] : rawTitle;
            var trimmed = NullIfEmpty(model.Trim());
            return display == "Rolex" && lower.Contains("vintage", StringComparison.Ordinal)
                ? (display, VintageModel(RemoveWord(trimmed, StringComparison.Ordinal)))
                : (display, trimmed);
        }

        return SplitAtFirstWord(rawTitle);
    }

    private static string VintageModel(string? model) => model is null ? Vintage : Vintage + " " + model;

    private static string? RemoveWord(string? model, StringComparison comparison) =>
        model is null ? null : NullIfEmpty(RecordCleaner.CollapseWhitespace(model.Replace(Vintage, "", comparison)));

    private static (string? Brand, string? Model) SplitAtFirstWord(string title)
    {
        var words = title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length switch
        {
            0 => (null, null),
            1 => (words[0], null),
            _ => (words[0], string.Join(' ', words[1..])),
        };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
