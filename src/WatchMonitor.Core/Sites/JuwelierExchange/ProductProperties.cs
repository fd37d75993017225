using AngleSharp.Dom;
using WatchMonitor.Sites.Platforms.Shopware;

namespace WatchMonitor.Sites.JuwelierExchange;

internal sealed record ProductProperties(
    string? ArticleNumber,
    string? Reference,
    string? Brand,
    string? Condition,
    string? AlloyKind,
    string? Alloy,
    string? Material)
{
    // Labels under which the shop states the manufacturer reference ("Referenznummer:", "Ref.-Nr.", "Modellnummer").
    private static readonly HashSet<string> ReferenceLabels = new(StringComparer.Ordinal)
    {
        "referenz", "referenznummer", "referenz-nr.", "referenz-nr", "referenz nr.", "ref.-nr.", "ref.-nr", "ref. nr.",
        "ref.", "ref", "modellnummer", "modell-nr.", "reference", "reference number", "reference no.", "ref. no.",
    };

    public static ProductProperties Read(IDocument document)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? reference = null;
        foreach (var (text, value) in ShopwareProperties.Read(document))
        {
            // "Marke:" → "marke"
            var label = text.ToLowerInvariant().Replace(":", "", StringComparison.Ordinal).Trim();
            if (label.Length == 0)
            {
                continue;
            }

            values.TryAdd(label, value);
            if (reference is null && ReferenceLabels.Contains(label))
            {
                reference = value;
            }
        }

        return new ProductProperties(
            values.GetValueOrDefault("artikelnummer"),
            reference,
            values.GetValueOrDefault("marke"),
            values.GetValueOrDefault("zustand"),
            values.GetValueOrDefault("art der legierung"),
            values.GetValueOrDefault("legierung"),
            values.GetValueOrDefault("material"));
    }

    // "750" + "Gelbgold" → "750 Gelbgold", whatever the row order (the Python monitor needed the fineness row last).
    public string? CaseMaterial(string? current)
    {
        var material = AlloyKind ?? current ?? Material;
        return material is not null && Alloy is not null && Alloy.All(char.IsAsciiDigit)
            ? Alloy + " " + material
            : material;
    }
}
