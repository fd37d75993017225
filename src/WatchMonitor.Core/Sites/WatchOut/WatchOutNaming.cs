using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WatchOut;

internal static class WatchOutNaming
{
    /// <summary>Tried in this order (not longest first): "heuer" precedes "tag heuer".</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> KnownBrands =
    [
        new("a. lange & söhne", "A. Lange & Söhne"),
        new("audemars piguet", "Audemars Piguet"),
        new("breguet", "Breguet"),
        new("breitling", "Breitling"),
        new("cartier", "Cartier"),
        new("corum", "Corum"),
        new("etoile", "Etoile"),
        new("glashütte original", "Glashütte Original"),
        new("h.moser & cie.", "H.Moser & Cie."),
        new("heuer", "Heuer"),
        new("iwc", "IWC"),
        new("jaeger lecoultre", "Jaeger LeCoultre"),
        new("omega", "Omega"),
        new("panerai", "Panerai"),
        new("parmigiani fleurier", "Parmigiani Fleurier"),
        new("patek philippe", "Patek Philippe"),
        new("piaget", "Piaget"),
        new("rolex", "Rolex"),
        new("tag heuer", "Tag Heuer"),
        new("tudor", "Tudor"),
        new("vacheron constantin", "Vacheron Constantin"),
        new("zenith", "Zenith"),
    ];

    public static bool IsGenericVendor(string? vendor) =>
        vendor?.Trim().ToLowerInvariant() is null or "" or "watch out" or "watch-out" or "watchout";

    // ("Rolex", "Rolex Submariner") → ("Rolex", "Submariner"); ("Watch Out", "Rolex - Daytona") → ("Rolex", "Daytona").
    public static (string? Brand, string? Model) BrandAndModel(string? vendor, string? title)
    {
        if (IsGenericVendor(vendor))
        {
            if (title is null)
            {
                return (null, null);
            }

            var (brand, model) = BrandModelSplitter.Split(title, KnownBrands);
            return (brand, model ?? title);
        }

        return (vendor, title is null ? null : ModelAfterVendor(title, vendor!));
    }

    private static string? ModelAfterVendor(string title, string vendor)
    {
        if (!title.StartsWith(vendor, StringComparison.OrdinalIgnoreCase))
        {
            return title;
        }

        var rest = title[vendor.Length..].Trim();
        return rest.Length == 0 ? null : rest;
    }
}
