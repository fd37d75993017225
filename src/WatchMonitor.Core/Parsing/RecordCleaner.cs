using System.Net;
using System.Text.RegularExpressions;

namespace WatchMonitor.Parsing;

/// <summary>Record cleaning of SITES.md §3.1: applied to identity fields when a record is created.</summary>
public static partial class RecordCleaner
{
    /// <summary>"  A. Lange &amp;amp; Söhne " → "A. Lange &amp; Söhne"; null or blank → null.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var collapsed = Whitespace().Replace(value, " ").Trim();
        var decoded = WebUtility.HtmlDecode(collapsed);
        return decoded.Length == 0 ? null : decoded;
    }

    /// <summary>Collapses whitespace runs and trims, without entity decoding.</summary>
    public static string CollapseWhitespace(string value) => Whitespace().Replace(value, " ").Trim();

    // Matches any run of Unicode whitespace, NBSP included: "a \u00A0 b".
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
