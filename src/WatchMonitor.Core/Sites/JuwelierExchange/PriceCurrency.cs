namespace WatchMonitor.Sites.JuwelierExchange;

/// <summary>
/// The currency a price text names. The shop prices in euros; a price it marks in another currency keeps that
/// currency, so the embed does not show "$12,500" as "€12.500".
/// </summary>
internal static class PriceCurrency
{
    /// <summary>"CHF 9.800,00" → "CHF", "$12,500" → "USD", "12.500 €" or no text → the fallback.</summary>
    public static string Of(string? priceText, string fallback)
    {
        if (priceText is null || Names(priceText, "€", "EUR"))
        {
            return fallback;
        }

        return Names(priceText, "CHF") ? "CHF"
            : Names(priceText, "$", "USD") ? "USD"
            : Names(priceText, "£", "GBP") ? "GBP"
            : fallback;
    }

    private static bool Names(string text, params ReadOnlySpan<string> markers)
    {
        foreach (var marker in markers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
