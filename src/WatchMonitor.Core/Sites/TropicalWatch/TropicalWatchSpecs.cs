using AngleSharp.Dom;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.TropicalWatch;

internal sealed record TropicalWatchSpecs(
    string? Year,
    string? Brand,
    string? Model,
    string? Reference,
    string? CaseMaterial,
    string? Diameter)
{
    public static TropicalWatchSpecs Read(IParentNode document)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        // <div class="watch-main-details-content"><table class="watch-main-details-table">
        var table = document.QuerySelector("div.watch-main-details-content table.watch-main-details-table");
        // <tr><th>Case Material:</th><td>Stainless Steel</td></tr>
        foreach (var row in table?.QuerySelectorAll("tr") ?? Enumerable.Empty<IElement>())
        {
            var header = row.QuerySelector("th");
            var cell = row.QuerySelector("td");
            if (header is null || cell is null)
            {
                continue;
            }

            var value = ElementText.Of(cell);
            if (value.Length > 0)
            {
                values[ElementText.Of(header).Replace(":", "", StringComparison.Ordinal).Trim()] = value;
            }
        }

        return new TropicalWatchSpecs(
            values.GetValueOrDefault("Year"),
            values.GetValueOrDefault("Brand"),
            values.GetValueOrDefault("Model"),
            values.GetValueOrDefault("Reference"),
            values.GetValueOrDefault("Case Material"),
            values.GetValueOrDefault("Diameter"));
    }
}
