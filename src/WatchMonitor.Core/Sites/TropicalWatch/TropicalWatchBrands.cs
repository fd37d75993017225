namespace WatchMonitor.Sites.TropicalWatch;

/// <summary>The brands recognised in Tropical Watch titles (docs/dealers.md#tropicalwatch).</summary>
internal static class TropicalWatchBrands
{
    private static readonly string[] Known =
    [
        "A. Lange & Söhne", "Audemars Piguet", "Breitling", "Cartier", "Heuer", "IWC", "Jaeger-LeCoultre", "Longines",
        "Omega", "Panerai", "Patek Philippe", "Rolex", "Studio Underd0g", "Tudor", "Universal Geneve", "Urwerk", "Zenith",
    ];

    /// <summary>
    /// The table brand unless the title names another known brand and not the table's: table "Tag Heuer" with title
    /// "1969 Heuer Autavia 2446" → "Heuer"; no table brand → the title brand.
    /// </summary>
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

    /// <summary>The known brand occurring earliest in the title, the longer name on a tie: "Rolex for Tudor" → "Rolex".</summary>
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
