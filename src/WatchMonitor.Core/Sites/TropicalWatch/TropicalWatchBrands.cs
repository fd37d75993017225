namespace WatchMonitor.Sites.TropicalWatch;

internal static class TropicalWatchBrands
{
    private static readonly string[] Known =
    [
        "A. Lange & Söhne", "Audemars Piguet", "Breitling", "Cartier", "Heuer", "IWC", "Jaeger-LeCoultre", "Longines",
        "Omega", "Panerai", "Patek Philippe", "Rolex", "Studio Underd0g", "Tudor", "Universal Geneve", "Urwerk", "Zenith",
    ];

    // Table "Tag Heuer" with title "1969 Heuer Autavia 2446" → "Heuer".
    public static string? Resolve(string? tableBrand, string title)
    {
        var titleBrand = EarliestIn(title);
        if (titleBrand is null || tableBrand is null)
        {
            return tableBrand ?? titleBrand;
        }

        var titleWins = !string.Equals(titleBrand, tableBrand, StringComparison.OrdinalIgnoreCase)
            && !title.Contains(tableBrand, StringComparison.OrdinalIgnoreCase);
        return titleWins ? titleBrand : tableBrand;
    }

    public static string? EarliestIn(string title)
    {
        string? best = null;
        var bestIndex = int.MaxValue;
        foreach (var brand in Known)
        {
            var index = title.IndexOf(brand, StringComparison.OrdinalIgnoreCase);
            if (index >= 0 && (index < bestIndex || (index == bestIndex && brand.Length > best!.Length)))
            {
                best = brand;
                bestIndex = index;
            }
        }

        return best;
    }
}
