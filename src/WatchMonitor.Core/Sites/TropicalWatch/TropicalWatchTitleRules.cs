using System.Text.RegularExpressions;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.TropicalWatch;

internal static partial class TropicalWatchTitleRules
{
    private const int ModelWordCount = 3;

    private static readonly (string[] Needles, string Material)[] Materials =
    [
        (["18k wg", "white gold"], "White Gold"),
        (["18k yg", "yellow gold"], "Yellow Gold"),
        (["18k pg", "pink gold", "rose gold"], "Rose Gold"),
        (["steel", "stainless"], "Steel"),
        (["gold"], "Gold"),
    ];

    // The brand goes only at the very start: "1968 Rolex GMT-Master 1675" → "Rolex Gmt-Master" (the embed cuts it).
    public static string? ModelOf(string title, string? brand, string? reference)
    {
        if (string.IsNullOrEmpty(brand))
        {
            return null;
        }

        var text = title.StartsWith(brand, StringComparison.OrdinalIgnoreCase) ? title[brand.Length..].TrimStart() : title;
        text = RemoveFirstYear(text);
        if (!string.IsNullOrEmpty(reference))
        {
            text = RemoveAll(text, reference);
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !FourDigits().IsMatch(word))
            .Take(ModelWordCount);
        var model = TextCase.Title(string.Join(' ', words));
        return model.Length == 0 || string.Equals(model, brand, StringComparison.OrdinalIgnoreCase) ? null : model;
    }

    // "1970 Omega Speedmaster 145.022" with brand Omega and model Speedmaster → "145.022"; "5513" is no reference.
    public static string? ReferenceOf(string title, string? brand, string? model)
    {
        var text = title;
        if (!string.IsNullOrEmpty(brand))
        {
            text = RemoveAll(text, brand);
        }

        if (!string.IsNullOrEmpty(model))
        {
            text = RemoveAll(text, model);
        }

        var match = ReferenceToken().Match(RemoveFirstYear(text));
        return match.Success && !FourDigits().IsMatch(match.Value) ? match.Value : null;
    }

    public static string? MaterialOf(string title)
    {
        var lower = title.ToLowerInvariant();
        foreach (var (needles, material) in Materials)
        {
            if (needles.Any(needle => lower.Contains(needle, StringComparison.Ordinal)))
            {
                return material;
            }
        }

        return null;
    }

    public static string? DiameterIn(string text)
    {
        var match = Diameter().Match(text);
        return match.Success ? match.Groups["size"].Value + "mm" : null;
    }

    private static string RemoveFirstYear(string text)
    {
        var year = Year().Match(text);
        return year.Success ? text.Replace(year.Value, "", StringComparison.Ordinal) : text;
    }

    private static string RemoveAll(string text, string part) =>
        text.Replace(part, "", StringComparison.OrdinalIgnoreCase);

    // A year as a whole word: "1968" in "1968 Rolex GMT-Master", not in "16680".
    [GeneratedRegex(@"\b(?:19|20)[0-9]{2}\b")]
    private static partial Regex Year();

    // A word of exactly four digits: "1675", "5513".
    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex FourDigits();

    // An upper-case code of 3+ characters with optional separated groups: "145.022", "1680/8", "BB 58", "A384".
    [GeneratedRegex(@"\b[A-Z0-9]{3,}(?:[./\-\s]?[A-Z0-9]+)*\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceToken();

    // Two digits, optional decimals, optional spaces, "mm": "40mm", "36.5 mm".
    [GeneratedRegex(@"(?<![0-9.])(?<size>[0-9]{2}(?:\.[0-9]+)?)\s*mm", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Diameter();
}
