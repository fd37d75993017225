using System.Text.RegularExpressions;

namespace WatchMonitor.Sites.WorldOfTime;

internal static partial class WorldOfTimeCaseMaterial
{
    /// <summary>"Stahl/Gold, Rose gold case" → "Rose Gold" (a word before "case" wins); "18k Gelbgold" → "Yellow Gold".</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var beforeCase = WordBeforeCase().Match(text);
        if (beforeCase.Success)
        {
            return Map(beforeCase.Groups["word"].Value);
        }

        var standalone = StandaloneWord().Match(text);
        return standalone.Success ? Map(standalone.Value) : null;
    }

    private static string Map(string word)
    {
        var lower = word.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("stahl", StringComparison.Ordinal) || lower.Contains("steel", StringComparison.Ordinal) => "Steel",
            "yellow-gold" or "gelbgold" => "Yellow Gold",
            "white-gold" or "weissgold" => "White Gold",
            "rose gold" or "rosegold" => "Rose Gold",
            "titanium" => "Titanium",
            "platinum" => "Platinum",
            "ceramic" => "Ceramic",
            "nickel plated" => "Nickel",
            _ => "Gold",
        };
    }

    // A material word directly followed by whitespace and "case": "Stainless steel case", "rose gold case".
    [GeneratedRegex(@"\b(?<word>steel|stahl|gold|yellow-gold|white-gold|rose gold|titanium|platinum|nickel plated|rosegold|weissgold|gelbgold|edelstahl)\s+case\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WordBeforeCase();

    // The first material word standing alone: "Edelstahl" in "Edelstahl, Automatik", "Stahl" in "Stahl/Gold".
    [GeneratedRegex(@"\b(?:steel|stahl|gold|yellow-gold|white-gold|rose gold|titanium|platinum|nickel plated|rosegold|weissgold|gelbgold|edelstahl|ceramic)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StandaloneWord();
}
