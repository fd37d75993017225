using System.Globalization;
using System.Text.RegularExpressions;

namespace WatchMonitor.Parsing;

/// <summary>Price text → amount (docs/parsing-rules.md#price).</summary>
public static partial class PriceParser
{
    /// <summary>"€ 12.500,-" → 12500, "1.234.567 €" → 1234567, "ab 3.190,00 €*" → 3190.00, "Preis auf Anfrage" → null.</summary>
    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || OnRequest().IsMatch(text))
        {
            return null;
        }

        var compact = Whitespace().Replace(text, "");
        compact = CurrencyTokens().Replace(compact, "");
        var number = NumberToken().Match(compact);
        return number.Success ? ParseNumber(number.Value) : null;
    }

    /// <summary>The Python monitor's parser, defects included; for legacy ids only (docs/ids.md).</summary>
    public static decimal? ParseAsReference(string? text)
    {
        if (text is null || OnRequest().IsMatch(text))
        {
            return null;
        }

        var cleaned = ReferenceStrip().Replace(text, "");
        if (cleaned.EndsWith(",-", StringComparison.Ordinal))
        {
            cleaned = cleaned[..^2];
        }

        var hasDot = cleaned.Contains('.', StringComparison.Ordinal);
        var hasComma = cleaned.Contains(',', StringComparison.Ordinal);
        if (hasDot && hasComma)
        {
            cleaned = cleaned.LastIndexOf(',') > cleaned.LastIndexOf('.')
                ? cleaned.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
                : cleaned.Replace(",", "", StringComparison.Ordinal);
        }
        else if (hasComma)
        {
            cleaned = IsSingleThousandsGroup(cleaned, ',')
                ? cleaned.Replace(",", "", StringComparison.Ordinal)
                : cleaned.Replace(',', '.');
        }
        else if (hasDot && IsSingleThousandsGroup(cleaned, '.'))
        {
            cleaned = cleaned.Replace(".", "", StringComparison.Ordinal);
        }

        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : null;
    }

    private static bool IsSingleThousandsGroup(string text, char separator)
    {
        var index = text.IndexOf(separator, StringComparison.Ordinal);
        if (index < 0 || text.IndexOf(separator, index + 1) >= 0 || text.Length - index - 1 != 3)
        {
            return false;
        }

        for (var i = 0; i < index; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static decimal? ParseNumber(string token)
    {
        var lastDot = token.LastIndexOf('.');
        var lastComma = token.LastIndexOf(',');
        var normalized = token.Replace("'", "", StringComparison.Ordinal);
        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalSeparator = lastComma > lastDot ? ',' : '.';
            var groupSeparator = decimalSeparator == ',' ? "." : ",";
            normalized = normalized.Replace(groupSeparator, "", StringComparison.Ordinal).Replace(decimalSeparator, '.');
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var separator = lastDot >= 0 ? '.' : ',';
            var occurrences = normalized.Count(c => c == separator);
            var digitsAfterLast = normalized.Length - normalized.LastIndexOf(separator) - 1;
            normalized = occurrences > 1 || digitsAfterLast == 3
                ? normalized.Replace(separator.ToString(), "", StringComparison.Ordinal)
                : normalized.Replace(separator, '.');
        }

        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : null;
    }

    // "Price on Request", "Preis auf Anfrage" (anything in between, any case).
    [GeneratedRegex("price.*on.*request|preis.*auf.*anfrage", RegexOptions.IgnoreCase)]
    private static partial Regex OnRequest();

    // The Python monitor's character class: whitespace, currency symbols and, by accident, the letters C, H and F.
    [GeneratedRegex(@"[\s€$£¥₹CHF]|EUR|USD|GBP", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceStrip();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // Currency symbols and codes: "€", "EUR", "CHF", "US$".
    [GeneratedRegex(@"[€$£¥₹]|\b(?:EUR|USD|GBP|CHF|US)\b|(?<=\d)(?:EUR|USD|GBP|CHF)|(?:EUR|USD|GBP|CHF)(?=\d)", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyTokens();

    // The first number with optional group and decimal separators: "12.500", "1,234.56", "1'250".
    [GeneratedRegex(@"\d+(?:[.,']\d+)*")]
    private static partial Regex NumberToken();
}
