using System.Globalization;

namespace WatchMonitor.Demo.Rendering;

/// <summary>The price notations the dealers use.</summary>
public static class PriceFormats
{
    /// <summary>"12.500 €", or "12.500,50 €" when there are cents.</summary>
    public static string GermanEuro(decimal amount) =>
        (decimal.Truncate(amount) == amount ? German(amount, "#,0") : German(amount, "#,0.00")) + " €";

    /// <summary>"12.500,00 €" (Shopware).</summary>
    public static string GermanEuroCents(decimal amount) => German(amount, "#,0.00") + " €";

    /// <summary>"€12.500,00" (the Shopify theme's sale-price).</summary>
    public static string EuroPrefixCents(decimal amount) => "€" + German(amount, "#,0.00");

    /// <summary>"$10,200" (Tropical Watch; cents are not shown).</summary>
    public static string UsDollar(decimal amount) => "$" + decimal.Round(amount, 0, MidpointRounding.ToEven).ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"12500.00" (Shopify products.json).</summary>
    public static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>1250000 (Shopify analytics: cents as an integer).</summary>
    public static long Cents(decimal amount) => (long)decimal.Truncate(amount * 100);

    private static string German(decimal amount, string format)
    {
        // Invariant "12,500.00" with the separators swapped.
        var chars = amount.ToString(format, CultureInfo.InvariantCulture).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch { ',' => '.', '.' => ',', var c => c };
        }

        return new string(chars);
    }
}
