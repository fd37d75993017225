using System.Text;

namespace WatchMonitor.Demo.Listings;

/// <summary>URL slugs the way shop systems build them: "A. Lange &amp; Söhne 403.035" → "a-lange-sohne-403-035".</summary>
internal static class Slugs
{
    public static string Of(string text, bool keepDots = false)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            var folded = Fold(c);
            if (folded is not null)
            {
                builder.Append(folded);
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9' || (keepDots && c == '.'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    // The process runs with invariant globalization, so Unicode decomposition is not available; the catalogue needs only these.
    private static string? Fold(char c) => c switch
    {
        'ä' or 'á' or 'à' or 'â' => "a",
        'ö' or 'ó' or 'ò' or 'ô' => "o",
        'ü' or 'ú' or 'ù' or 'û' => "u",
        'é' or 'è' or 'ê' or 'ë' => "e",
        'ß' => "ss",
        _ => null,
    };
}
