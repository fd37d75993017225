using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Platforms;

/// <summary>
/// What a shop states as text: "Label: value" lines (a specification list, an attribute table) and free prose
/// (a description). Labelled values win over prose; the first line of each kind wins over later ones.
/// </summary>
internal sealed record TextFacts(
    string? Brand,
    string? Reference,
    string? Year,
    string? Condition,
    string? CaseMaterial,
    string? Diameter,
    bool? HasPapers,
    bool? HasBox)
{
    private const int MaxLabelLength = 40;

    // Labels that name another part of the watch than its case: "Armbandmaterial", "Glas".
    private static readonly string[] OtherParts = ["armband", "band", "strap", "bracelet", "schließe", "clasp", "lünette", "bezel", "glas", "crystal", "zifferblatt", "dial", "uhrwerk", "movement"];

    /// <summary>The text lines of an HTML fragment, split at block elements and line breaks.</summary>
    public static IReadOnlyList<string> LinesOf(INode? node) => node is null ? [] : SpecificationLines.Of(node);

    /// <param name="lines">Labelled lines first, then prose; <paramref name="title"/> is the year's fallback.</param>
    public static TextFacts Read(IReadOnlyList<string> lines, string? title)
    {
        ArgumentNullException.ThrowIfNull(lines);
        string? brand = null, reference = null, year = null, condition = null, material = null, diameter = null;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon > MaxLabelLength)
            {
                continue;
            }

            var label = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            if (Has(label, "referenz", "reference", "modellnummer") || label is "ref" or "ref." or "ref.-nr." or "ref. nr." or "ref.nr.")
            {
                reference ??= value;
            }
            else if (Has(label, "jahr", "year"))
            {
                year ??= YearParser.Parse(value);
            }
            else if (Has(label, "durchmesser", "diameter", "gehäusegröße", "case size"))
            {
                diameter ??= value;
            }
            else if ((Has(label, "material") || label is "gehäuse" or "case") && !Has(label, OtherParts))
            {
                material ??= value;
            }
            else if (Has(label, "zustand", "condition"))
            {
                condition ??= value;
            }
            else if (Has(label, "marke", "brand", "hersteller", "manufacturer"))
            {
                brand ??= value;
            }
        }

        var all = string.Join(' ', lines);
        var (papers, box) = BoxPapersParser.Parse(all);
        return new TextFacts(
            brand,
            reference,
            year ?? YearParser.Parse(all, title),
            ConditionRater.Rate(condition) ?? ConditionRater.Rate(all),
            material ?? DescriptionFacts.CaseMaterial(all),
            DiameterText.Normalize(diameter ?? DescriptionFacts.Diameter(all)),
            papers,
            box);
    }

    /// <summary>Sets what the listing does not know yet; what it knows stays.</summary>
    public void FillMissing(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        listing.Reference ??= Reference;
        listing.Year ??= Year;
        listing.Condition ??= Condition;
        listing.CaseMaterial ??= CaseMaterial;
        listing.Diameter ??= Diameter;
        listing.HasPapers ??= HasPapers;
        listing.HasBox ??= HasBox;
    }

    private static bool Has(string label, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (label.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
