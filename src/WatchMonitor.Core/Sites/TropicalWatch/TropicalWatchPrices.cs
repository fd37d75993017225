namespace WatchMonitor.Sites.TropicalWatch;

/// <summary>The Python monitor's price pre-filter for Tropical Watch, kept only to reproduce its ids.</summary>
internal static class TropicalWatchPrices
{
    // "$10,200" → "10200", "EUR 8.500,00" → "8.50000".
    public static string DigitsAndDots(string text) =>
        string.Concat(text.Where(c => char.IsAsciiDigit(c) || c == '.'));
}
