using AngleSharp.Dom;
using WatchMonitor.Parsing;

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
        // <table class="table product-detail-properties-table"><tr class="properties-row">
        //   <th class="properties-label">Marke:</th><td class="properties-value"><span>Rolex</span></td></tr>
        foreach (var row in document.QuerySelectorAll("table.product-detail-properties-table tr.properties-row"))
        {
            var label = ElementText.Of(row.QuerySelector("th.properties-label"))
                .ToLowerInvariant()
                .Replace(":", "", StringComparison.Ordinal)
                .Trim();
            var value = ElementText.OrNull(row.QuerySelector("td.properties-value"));
            if (label.Length == 0 || value is null)
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
