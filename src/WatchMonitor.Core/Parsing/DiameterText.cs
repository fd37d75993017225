using System.Text.RegularExpressions;

namespace WatchMonitor.Parsing;

/// <summary>A case diameter as a shop writes it, in the one form alerts show.</summary>
public static partial class DiameterText
{
    /// <summary>"41 mm" / "40,5mm" → "41mm" / "40.5mm"; a bare "40" → "40mm"; anything else is kept as written.</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        // A rectangular case keeps both sides; the first-number rule would report only the second.
        if (RectangularSize().IsMatch(trimmed))
        {
            return trimmed;
        }

        var millimetres = Millimetres().Match(trimmed);
        if (millimetres.Success)
        {
            return millimetres.Groups[1].Value.Replace(',', '.') + "mm";
        }

        var bare = trimmed.Replace("mm", "", StringComparison.OrdinalIgnoreCase).Replace(" ", "", StringComparison.Ordinal).Replace(',', '.');
        return PlainNumber().IsMatch(bare) ? bare + "mm" : trimmed;
    }

    // A rectangular case: "39 x 46 mm", "25,5×38mm".
    [GeneratedRegex(@"\d{1,2}(?:[.,]\d{1,2})?\s*[x×]\s*\d{1,2}(?:[.,]\d{1,2})?\s*mm", RegexOptions.IgnoreCase)]
    private static partial Regex RectangularSize();

    // A diameter in millimetres, not inside a longer number: "41 mm", "40,5mm".
    [GeneratedRegex(@"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*mm", RegexOptions.IgnoreCase)]
    private static partial Regex Millimetres();

    // A plain number: "40", "40.5".
    [GeneratedRegex(@"^\d+(?:\.\d+)?$")]
    private static partial Regex PlainNumber();
}
