using System.Text.RegularExpressions;

namespace WatchMonitor.Parsing;

/// <summary>Condition text → five-character star rating (docs/parsing-rules.md#condition).</summary>
public static class ConditionRater
{
    public const string FiveStars = "★★★★★";
    public const string FourStars = "★★★★☆";
    public const string ThreeStars = "★★★☆☆";
    public const string TwoStars = "★★☆☆☆";
    public const string OneStar = "★☆☆☆☆";
    public const string NoStars = "☆☆☆☆☆";

    private static readonly (string Rating, string[] Keywords)[] Ratings =
    [
        (FiveStars, ["ungetragen", "unworn", "new old stock", "nos", "fabrikneu", "mint", "neu", "new", "neuwertig"]),
        (FourStars, ["excellent", "very nice original condition", "top zustand", "makellos", "near mint", "perfekter zustand", "sehr guter zustand", "very good condition", "1a zustand"]),
        (ThreeStars, ["leichte gebrauchsspuren", "leichte tragespuren", "good condition", "nice condition", "gut erhalten", "guter zustand", "gebraucht"]),
        (TwoStars, ["light wear", "fair condition", "sichtbare gebrauchsspuren", "getragen"]),
        (OneStar, ["gebrauchsspuren", "worn", "signs of wear", "deutliche gebrauchsspuren", "strong signs of use", "starke gebrauchsspuren"]),
    ];

    // Every keyword as a whole phrase: "nos" does not match inside "Diagnose", "worn" not inside "unworn".
    private static readonly Regex AnyKeyword = new(
        @"\b(?:" + string.Join('|', Ratings.SelectMany(r => r.Keywords).OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")\b",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>"Near mint, light scratches" → ★★★★☆ ("mint" inside "near mint" does not count).</summary>
    public static string? Rate(string? text, IReadOnlyDictionary<string, string>? gradeMap = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (gradeMap is not null && gradeMap.TryGetValue(text, out var graded))
        {
            return graded;
        }

        // Longest-first alternation makes each match the longest keyword at its position, so contained keywords drop out.
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in AnyKeyword.Matches(text.ToLowerInvariant()))
        {
            found.Add(match.Value);
        }

        foreach (var (rating, keywords) in Ratings)
        {
            foreach (var keyword in keywords)
            {
                if (found.Contains(keyword))
                {
                    return rating;
                }
            }
        }

        return null;
    }
}
