using System.Text;

namespace WatchMonitor.FakeSites.Listings;

/// <summary>URL slugs the way shop systems build them: "A. Lange &amp; Söhne 403.035" → "a-lange-sohne-403-035".</summary>
internal static class Slugs
{
    public static string Of(string text, bool keepDots = false)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var raw in text.Normalize(NormalizationForm.FormD))
        {
            var c = char.ToLowerInvariant(raw);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' || (keepDots && c == '.'))
            {
                builder.Append(c);
            }
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // "ö" decomposes to "o" + a combining mark; the mark is dropped.
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }
}
