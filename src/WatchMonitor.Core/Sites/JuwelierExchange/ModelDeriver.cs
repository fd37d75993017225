using System.Text.RegularExpressions;

namespace WatchMonitor.Sites.JuwelierExchange;

internal static partial class ModelDeriver
{
    private const int MaxWords = 3;

    // "Herrenuhr Rolex Submariner Date 116610LN" → "Submariner"; "Omega Speedmaster 'Moonwatch'" → "Moonwatch".
    public static string? Derive(string title, string brand, string? reference)
    {
        var rest = WatchKind().Replace(title.Trim(), "");
        if (rest.StartsWith(brand, StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[brand.Length..].Trim();
        }

        var quoted = QuotedName().Match(rest);
        var model = quoted.Success ? quoted.Groups["model"].Value.Trim() : FirstWords(WithoutReference(rest, reference));
        return model.Length < 2 || string.Equals(model, brand, StringComparison.OrdinalIgnoreCase) ? null : model;
    }

    private static string WithoutReference(string text, string? reference)
    {
        if (string.IsNullOrEmpty(reference) || !text.Contains(reference, StringComparison.Ordinal))
        {
            return text;
        }

        // A "Ref." label goes with the reference: "Seamaster Ref. 2254.50" → "Seamaster" (the Python monitor kept "Ref.").
        var pattern = @"(?:(?i:\bref(?:erenz)?\.?(?:\s*-?\s*nr\.?)?)\s*)?" + Regex.Escape(reference);
        return Regex.Replace(text, pattern, " ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).Trim(' ', '|', ',', '-');
    }

    private static string FirstWords(string text)
    {
        var withoutSuffix = TrailingKind().Replace(text, "").Trim(' ', ',');
        return string.Join(' ', withoutSuffix.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(MaxWords));
    }

    // "Herrenuhr ", "Damenuhr ", "Unisexuhr " at the start.
    [GeneratedRegex(@"^(?:Herrenuhr|Damenuhr|Unisexuhr)\b\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WatchKind();

    // "'Submariner'", "‘Moonwatch’": a quoted part of at least two characters.
    [GeneratedRegex(@"['‘’](?<model>[^'‘’]{2,})['‘’]", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();

    // One trailing movement or complication word: "… Automatik", "… Quarz", "… Chrono", "… GMT", "… Date".
    [GeneratedRegex(@"\s*\b(?:Automatik|Quarz|Chrono|GMT|Date)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingKind();
}
