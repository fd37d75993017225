namespace WatchMonitor.Parsing;

/// <summary>
/// The one brand table of the platform adapters: how a vendor field or a title becomes brand and model. The
/// built-in adapters keep their own tables, which their pinned composite ids depend on.
/// </summary>
public static class KnownBrands
{
    // Display name, then the spellings shops use (lower case, longest match wins).
    private static readonly (string Display, string[] Spellings)[] Table =
    [
        ("A. Lange & Söhne", ["a. lange & söhne", "a. lange & sohne", "a. lange und söhne", "a.lange & söhne", "a. lange", "lange & söhne", "lange und söhne"]),
        ("Audemars Piguet", ["audemars piguet", "audemars-piguet"]),
        ("Baume & Mercier", ["baume & mercier", "baume et mercier"]),
        ("Bell & Ross", ["bell & ross", "bell&ross"]),
        ("Blancpain", ["blancpain"]),
        ("Breguet", ["breguet"]),
        ("Breitling", ["breitling"]),
        ("Bulgari", ["bulgari", "bvlgari"]),
        ("Cartier", ["cartier"]),
        ("Chopard", ["chopard"]),
        ("Corum", ["corum"]),
        ("Doxa", ["doxa"]),
        ("Eberhard & Co.", ["eberhard & co.", "eberhard"]),
        ("F.P. Journe", ["f.p. journe", "fp journe", "f. p. journe"]),
        ("Franck Muller", ["franck muller"]),
        ("Girard-Perregaux", ["girard-perregaux", "girard perregaux"]),
        ("Glashütte Original", ["glashütte original", "glashutte original", "glashuette original"]),
        ("Grand Seiko", ["grand seiko"]),
        ("H. Moser & Cie.", ["h. moser & cie.", "h.moser & cie.", "h. moser & cie", "h. moser", "moser & cie"]),
        ("Hamilton", ["hamilton"]),
        ("Heuer", ["heuer"]),
        ("Hublot", ["hublot"]),
        ("IWC", ["iwc schaffhausen", "iwc"]),
        ("Jaeger-LeCoultre", ["jaeger-lecoultre", "jaeger lecoultre", "jaeger-le coultre", "jaeger le coultre"]),
        ("Jaquet Droz", ["jaquet droz"]),
        ("Junghans", ["junghans"]),
        ("Longines", ["longines"]),
        ("Montblanc", ["montblanc", "mont blanc"]),
        ("Nomos", ["nomos glashütte", "nomos"]),
        ("Omega", ["omega"]),
        ("Oris", ["oris"]),
        ("Panerai", ["officine panerai", "panerai"]),
        ("Parmigiani Fleurier", ["parmigiani fleurier", "parmigiani"]),
        ("Patek Philippe", ["patek philippe", "patek"]),
        ("Piaget", ["piaget"]),
        ("Richard Mille", ["richard mille"]),
        ("Roger Dubuis", ["roger dubuis"]),
        ("Rolex", ["rolex"]),
        ("Seiko", ["seiko"]),
        ("Sinn", ["sinn"]),
        ("TAG Heuer", ["tag heuer", "tag-heuer"]),
        ("Tissot", ["tissot"]),
        ("Tudor", ["tudor"]),
        ("Ulysse Nardin", ["ulysse nardin"]),
        ("Universal Genève", ["universal genève", "universal geneve"]),
        ("Vacheron Constantin", ["vacheron constantin", "vacheron"]),
        ("Zenith", ["zenith"]),
    ];

    private static readonly (string Spelling, string Display)[] Spellings =
    [
        .. Table.SelectMany(entry => entry.Spellings.Select(spelling => (spelling, entry.Display))).OrderByDescending(pair => pair.spelling.Length),
    ];

    /// <summary>The display names, e.g. "Rolex", "A. Lange &amp; Söhne".</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(entry => entry.Display)];

    /// <summary>"jaeger lecoultre" → "Jaeger-LeCoultre"; a name the table does not know comes back as given.</summary>
    public static string Canonical(string brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var trimmed = brand.Trim();
        foreach (var (spelling, display) in Spellings)
        {
            if (string.Equals(trimmed, spelling, StringComparison.OrdinalIgnoreCase))
            {
                return display;
            }
        }

        return trimmed;
    }

    /// <summary>
    /// Brand and model of a listing. A vendor that names a brand wins ("Rolex", "Rolex Submariner" → Rolex,
    /// Submariner); a vendor that is blank or the shop itself leaves it to the title: a known brand at its start or
    /// as a word inside it ("Herrenuhr Omega Speedmaster" → Omega, Speedmaster), else its first word.
    /// </summary>
    public static (string? Brand, string? Model) Split(string? vendor, string? title, string? shopName = null)
    {
        var cleanTitle = RecordCleaner.Clean(title);
        var cleanVendor = RecordCleaner.Clean(vendor);
        if (cleanVendor is not null && !IsShop(cleanVendor, shopName))
        {
            var brand = Canonical(cleanVendor);
            return (brand, cleanTitle is null ? null : ModelAfter(cleanTitle, cleanVendor, brand));
        }

        if (cleanTitle is null)
        {
            return (null, null);
        }

        // The earliest brand in the title wins ("Rolex Datejust, Stil Patek Philippe" is a Rolex); at one place the
        // longest spelling does ("Tag Heuer" before "Heuer").
        var lower = cleanTitle.ToLowerInvariant();
        (int Index, int Length, string Display)? best = null;
        foreach (var (spelling, display) in Spellings)
        {
            var index = WordIndex(lower, spelling);
            if (index >= 0 && (best is null || index < best.Value.Index))
            {
                best = (index, spelling.Length, display);
            }
        }

        if (best is { } found)
        {
            return (found.Display, Model(cleanTitle[(found.Index + found.Length)..]));
        }

        var space = cleanTitle.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (cleanTitle, null) : (cleanTitle[..space], Model(cleanTitle[(space + 1)..]));
    }

    private static string? ModelAfter(string title, string vendor, string brand)
    {
        foreach (var prefix in new[] { vendor, brand })
        {
            if (title.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && IsBoundary(title, prefix.Length))
            {
                return Model(title[prefix.Length..]);
            }
        }

        return title;
    }

    // "Watch Out", "watch-out", "WATCHOUT" all name the shop "Watch Out".
    private static bool IsShop(string vendor, string? shopName) =>
        shopName is not null && string.Equals(Squash(vendor), Squash(shopName), StringComparison.OrdinalIgnoreCase);

    private static string Squash(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    // " - Submariner Date" → "Submariner Date"; nothing left → null.
    private static string? Model(string rest)
    {
        var model = rest.Trim().TrimStart('-', '|', ',', '–', ':').Trim();
        return model.Length == 0 ? null : model;
    }

    private static int WordIndex(string text, string word)
    {
        var start = text.IndexOf(word, StringComparison.Ordinal);
        while (start >= 0)
        {
            if ((start == 0 || !char.IsLetterOrDigit(text[start - 1])) && IsBoundary(text, start + word.Length))
            {
                return start;
            }

            start = text.IndexOf(word, start + 1, StringComparison.Ordinal);
        }

        return -1;
    }

    private static bool IsBoundary(string text, int index) => index >= text.Length || !char.IsLetterOrDigit(text[index]);
}
