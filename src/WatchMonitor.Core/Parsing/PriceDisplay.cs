using System.Globalization;

namespace WatchMonitor.Parsing;

/// <summary>The embed's price text, "€8.500", "$12.500", "1.200 CHF" (docs/parsing-rules.md#price-display).</summary>
public static class PriceDisplay
{
    private static readonly NumberFormatInfo GermanGrouping = new()
    {
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NumberDecimalDigits = 0,
    };

    /// <summary>Null for no price or zero; the amount is rounded half-to-even (12500.5 → 12.500).</summary>
    public static string? Format(decimal? amount, string currency)
    {
        if (amount is not { } value || value == 0m)
        {
            return null;
        }

        var grouped = Math.Round(value, 0, MidpointRounding.ToEven).ToString("N0", GermanGrouping);
        return currency switch
        {
            "EUR" => "€" + grouped,
            "USD" => "$" + grouped,
            _ => grouped + " " + currency,
        };
    }
}
