using System.Text.RegularExpressions;

namespace WatchMonitor.Parsing;

internal static partial class DescriptionFacts
{
    // One material word, longest alternatives first: "Edelstahl" before "Stahl", "Silber, vergoldet" before "Silber".
    private const string Materials =
        @"(?<material>PVD-Beschichtung|Rosévergoldung|Silber,\s*vergoldet|925er\s+Silber|Silber|Edelstahl|Stahl"
        + @"|(?:\d{3}er\s+)?(?:Gelbgold|Wei(?:ß|ss)gold|Rotgold|Ros[ée]gold|Gold)|Titan|Keramik)\b";

    public static string? Diameter(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return null;
        }

        var match = KeywordDiameter().Match(description);
        if (!match.Success)
        {
            match = RectangularSize().Match(description);
        }

        return match.Success ? match.Groups["size"].Value.Replace(',', '.') + " mm" : null;
    }

    // Prefixes in order, so "Gehäuse aus …" wins over a bracelet mentioned earlier ("Armband aus Stahl").
    public static string? CaseMaterial(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return null;
        }

        foreach (var pattern in (ReadOnlySpan<Regex>)[CaseMadeOf(), MaterialLabel(), MadeOf(), AfterCalibre()])
        {
            var match = pattern.Match(description);
            if (match.Success)
            {
                return Map(match.Groups["material"].Value);
            }
        }

        return null;
    }

    private static string Map(string matched)
    {
        var lower = matched.ToLowerInvariant();
        return lower switch
        {
            _ when lower.StartsWith("pvd", StringComparison.Ordinal) => "PVD Coated Steel",
            _ when lower.StartsWith("925", StringComparison.Ordinal) => "Silver",
            _ when lower.StartsWith("silber", StringComparison.Ordinal) => TextCase.Title(RecordCleaner.CollapseWhitespace(matched)),
            _ when lower.Contains("stahl", StringComparison.Ordinal) => "Steel",
            _ when lower.Contains("gelbgold", StringComparison.Ordinal) => "Yellow Gold",
            _ when lower.Contains("weißgold", StringComparison.Ordinal) || lower.Contains("weissgold", StringComparison.Ordinal) => "White Gold",
            _ when lower.Contains("ros", StringComparison.Ordinal) || lower.Contains("rotgold", StringComparison.Ordinal) => "Rose Gold",
            _ when lower.Contains("gold", StringComparison.Ordinal) => "Gold",
            _ when lower.StartsWith("titan", StringComparison.Ordinal) => "Titanium",
            _ when lower.StartsWith("keramik", StringComparison.Ordinal) => "Ceramic",
            _ => TextCase.Title(matched),
        };
    }

    // "Gehäusedurchmesser 40 mm", "Durchmesser von 36,5mm", "Gehäusegröße ca. 41 mm", "Durchmesser: 42 mm", "diameter 44 mm".
    // The Python monitor rejected a colon after the keyword; "Durchmesser: 42 mm" is how the shop writes it most often.
    [GeneratedRegex(@"(?:durchmesser|gehäusegr(?:ö|oe)(?:ß|ss)e|diameter)\s*:?\s*(?:(?:von|ca\.)\s*)?(?<size>\d{1,2}(?:[.,]\d{1,2})?)\s*mm", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordDiameter();

    // "25 x 31 mm", "25,5×31mm": the first side counts.
    [GeneratedRegex(@"(?<![\d.,])(?<size>\d{1,2}(?:[.,]\d{1,2})?)\s*[x×]\s*\d{1,2}(?:[.,]\d{1,2})?\s*mm", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RectangularSize();

    // "Gehäuse aus Edelstahl", "Gehäuse aus 750er Gelbgold".
    [GeneratedRegex(@"Gehäuse\s+aus\s+" + Materials, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseMadeOf();

    // "Material: Titan".
    [GeneratedRegex(@"Material:\s*" + Materials, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaterialLabel();

    // "Lünette aus Keramik", "aus Roségold".
    [GeneratedRegex(@"\baus\s+" + Materials, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MadeOf();

    // "Kaliber 3135 Edelstahl".
    [GeneratedRegex(@"Kaliber\s+\d+\s+" + Materials, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterCalibre();
}
