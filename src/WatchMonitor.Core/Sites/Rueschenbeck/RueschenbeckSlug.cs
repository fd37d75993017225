using System.Text.RegularExpressions;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Rueschenbeck;

internal readonly record struct SlugParts(string? Brand, string? Model);

// The slug rules of docs/dealers.md#rueschenbeck; ParseAsReference keeps the Python monitor's reading for legacy ids.
internal static partial class RueschenbeckSlug
{
    private const string CpoMarker = "certified-pre-owned";

    private static readonly Dictionary<string, string> Brands = new(StringComparer.Ordinal)
    {
        ["rolex"] = "Rolex",
        ["omega"] = "Omega",
        ["patek"] = "Patek Philippe",
        ["audemars"] = "Audemars Piguet",
        ["cartier"] = "Cartier",
        ["iwc"] = "IWC",
        ["breitling"] = "Breitling",
        ["panerai"] = "Panerai",
        ["tudor"] = "Tudor",
        ["jaeger"] = "Jaeger-LeCoultre",
        ["hublot"] = "Hublot",
        ["tag"] = "TAG Heuer",
        ["vacheron"] = "Vacheron Constantin",
        ["zenith"] = "Zenith",
        ["longines"] = "Longines",
        ["tissot"] = "Tissot",
        ["seiko"] = "Seiko",
        ["grand"] = "Grand Seiko",
        ["chopard"] = "Chopard",
        ["girard"] = "Girard-Perregaux",
        ["blancpain"] = "Blancpain",
        ["glashutte"] = "Glashütte Original",
        ["a"] = "A. Lange & Söhne",
    };

    // The slug words that finish a multi-word brand after its first word, longest first.
    private static readonly Dictionary<string, string[][]> BrandTails = new(StringComparer.Ordinal)
    {
        ["patek"] = [["philippe"]],
        ["audemars"] = [["piguet"]],
        ["jaeger"] = [["le", "coultre"], ["lecoultre"]],
        ["tag"] = [["heuer"]],
        ["vacheron"] = [["constantin"]],
        ["grand"] = [["seiko"]],
        ["girard"] = [["perregaux"]],
        ["glashutte"] = [["original"]],
        ["a"] =
        [
            ["lange", "und", "soehne"], ["lange", "und", "sohne"], ["lange", "soehne"], ["lange", "sohne"],
            ["lange", "shne"], ["lange"],
        ],
    };

    /// <summary>"…/patek-philippe-aquanaut-5167a-certified-pre-owned" with reference "5167A" → (Patek Philippe, Aquanaut).</summary>
    public static SlugParts Parse(string url, string? reference)
    {
        var slug = LastSegment(WithoutQueryOrTrailingSlash(url)).ToLowerInvariant();
        if (!slug.Contains(CpoMarker, StringComparison.Ordinal))
        {
            return default;
        }

        var parts = CpoSuffix().Replace(slug, "").Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return default;
        }

        var brand = BrandOf(parts[0]);
        if (parts.Length <= 2)
        {
            return new(brand, null);
        }

        var modelStart = 1 + BrandTailLength(parts);
        var referenceWords = reference is null
            ? []
            : NonAlphanumeric().Split(reference.ToLowerInvariant()).Where(w => w.Length > 0).ToArray();
        var model = new List<string>();
        for (var i = modelStart; i < parts.Length; i++)
        {
            if (IsLongNumber(parts[i]) || StartsWithWords(parts, i, referenceWords))
            {
                break;
            }

            model.Add(parts[i]);
        }

        return new(brand, ModelOf(model));
    }

    /// <summary>"patek-philippe-aquanaut-5167a" → (Patek Philippe, "Philippe Aquanaut"), as the Python monitor read it.</summary>
    public static SlugParts ParseAsReference(string url, string? reference)
    {
        var slug = LastSegment(url);
        if (!slug.Contains(CpoMarker, StringComparison.Ordinal))
        {
            return default;
        }

        var parts = slug.Replace("-" + CpoMarker, "", StringComparison.Ordinal).Split('-');
        var brand = BrandOf(parts[0]);
        if (parts.Length <= 2)
        {
            return new(brand, null);
        }

        var lowerReference = reference?.ToLowerInvariant();
        var model = parts.Skip(1).TakeWhile(p => !IsLongNumber(p) && !string.Equals(p, lowerReference, StringComparison.Ordinal));
        return new(brand, ModelOf(model.ToList()));
    }

    private static string BrandOf(string firstWord) =>
        Brands.TryGetValue(firstWord, out var brand) ? brand : TextCase.Title(firstWord);

    private static int BrandTailLength(string[] parts)
    {
        if (!BrandTails.TryGetValue(parts[0], out var tails))
        {
            return 0;
        }

        foreach (var tail in tails)
        {
            // The model needs at least one word of its own; "grand-seiko" alone stays a brand.
            if (parts.Length > tail.Length + 1 && StartsWithWords(parts, 1, tail))
            {
                return tail.Length;
            }
        }

        return 0;
    }

    private static bool StartsWithWords(string[] parts, int start, string[] words)
    {
        if (words.Length == 0 || start + words.Length > parts.Length)
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (!string.Equals(parts[start + i], words[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLongNumber(string part) => part.Length >= 5 && part.All(char.IsAsciiDigit);

    private static string? ModelOf(List<string> words) =>
        words.Count == 0 ? null : NullIfBlank(TextCase.Title(string.Join(' ', words)));

    private static string? NullIfBlank(string value) => value.Trim().Length == 0 ? null : value;

    private static string LastSegment(string url) => url[(url.LastIndexOf('/') + 1)..];

    private static string WithoutQueryOrTrailingSlash(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        return (end < 0 ? url : url[..end]).TrimEnd('/');
    }

    // The CPO marker with its joining dash: "-certified-pre-owned" in "rolex-16710-certified-pre-owned".
    [GeneratedRegex("-?certified-pre-owned")]
    private static partial Regex CpoSuffix();

    // Separators inside a reference: the "." and "/" of "5711/1A-010" or "311.30.42".
    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonAlphanumeric();
}
