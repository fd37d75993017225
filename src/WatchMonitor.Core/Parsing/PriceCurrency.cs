namespace WatchMonitor.Parsing;

// A price marked in another currency keeps it, so the embed does not show "$12,500" as "€12.500".
internal static class PriceCurrency
{
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
