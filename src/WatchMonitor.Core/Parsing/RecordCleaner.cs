using System.Net;
using System.Text.RegularExpressions;

namespace WatchMonitor.Parsing;

/// <summary>Cleans the id fields once, when a listing is created (docs/parsing-rules.md#record-cleaning).</summary>
public static partial class RecordCleaner
{
    /// <summary>"  A. Lange &amp;amp; Söhne " → "A. Lange &amp; Söhne"; null or blank → null.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var collapsed = CollapseWhitespace(value);
        var decoded = WebUtility.HtmlDecode(collapsed);
        return decoded.Length == 0 ? null : decoded;
    }

    public static string CollapseWhitespace(string value) =>
        HasWhitespaceRun(value) ? Whitespace().Replace(value, " ").Trim() : value.Trim();

    // Whether the regex would change anything inside the text: a whitespace run longer than one space, or any
    // whitespace other than a plain space. Most values are clean, and Trim alone then gives the same string.
    private static bool HasWhitespaceRun(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i]) && (value[i] != ' ' || (i + 1 < value.Length && char.IsWhiteSpace(value[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }

    // Matches any run of Unicode whitespace, NBSP included: "a \u00A0 b".
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
