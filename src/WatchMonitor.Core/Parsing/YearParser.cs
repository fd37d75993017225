using System.Globalization;
using System.Text.RegularExpressions;

namespace WatchMonitor.Parsing;

/// <summary>Year of manufacture from free text (docs/parsing-rules.md#year).</summary>
public static partial class YearParser
{
    private const int MinYear = 1900;
    private const int MaxYear = 2030;

    private static readonly string[] ContextWords =
        ["ref", "sku", "id:", "art-nr", "no.", "mod", "artikel", "p/n", "ident", "kal."];

    /// <summary>The primary text first, then the title: "Baujahr: ca. 1985" → "1985", "Ref. 2010" → null.</summary>
    public static string? Parse(string? primary, string? title = null) =>
        ParseOne(primary) ?? ParseOne(title);

    /// <summary>The Python monitor's two-pass parser with its defects, for legacy ids only (docs/ids.md).</summary>
    public static string? ParseAsReference(string? primary, string? title = null) =>
        ParseOneAsReference(primary) ?? ParseOneAsReference(title);

    private static string? ParseOne(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (Match candidate in YearCandidate().Matches(text))
        {
            var year = int.Parse(candidate.Value, CultureInfo.InvariantCulture);
            if (year is >= MinYear and <= MaxYear && !HasReferenceContext(text, candidate.Index, stopAtSeparator: true))
            {
                return candidate.Value;
            }
        }

        return null;
    }

    private static string? ParseOneAsReference(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var first = FourDigitsBeforeBoundary().Match(text);
        if (first.Success && int.Parse(first.Value, CultureInfo.InvariantCulture) is >= MinYear and <= MaxYear)
        {
            return first.Value;
        }

        foreach (Match candidate in WholeWordYear().Matches(text))
        {
            // The Python monitor looked at the first occurrence of these digits anywhere, not at this match.
            var firstOccurrence = text.IndexOf(candidate.Value, StringComparison.Ordinal);
            if (!HasReferenceContext(text, firstOccurrence, stopAtSeparator: false) && int.Parse(candidate.Value, CultureInfo.InvariantCulture) <= MaxYear)
            {
                return candidate.Value;
            }
        }

        return null;
    }

    private static bool HasReferenceContext(string text, int index, bool stopAtSeparator)
    {
        var start = Math.Max(0, index - 15);
        var before = text[start..index].ToLowerInvariant();
        // "Ref. 2000, ca. 1965": a comma or semicolon ends what a "Ref." label applies to, so 1965 is still a year.
        var separator = stopAtSeparator ? before.LastIndexOfAny([',', ';']) : -1;
        if (separator >= 0)
        {
            before = before[(separator + 1)..];
        }

        foreach (var word in ContextWords)
        {
            if (before.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Four digits not inside a longer number, ending at a word boundary: "A1990", "1995" but not "16610", "1990er".
    [GeneratedRegex(@"(?<!\d)\d{4}\b")]
    private static partial Regex YearCandidate();

    // The Python monitor's pass 1: four digits followed by a word boundary: "16610" → "6610".
    [GeneratedRegex(@"\d{4}\b")]
    private static partial Regex FourDigitsBeforeBoundary();

    // The Python monitor's pass 2: a whole-word number 1950–2039.
    [GeneratedRegex(@"\b(?:19[5-9]\d|20[0-3]\d)\b")]
    private static partial Regex WholeWordYear();
}
