using AngleSharp.Dom;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Platforms.Shopware;

/// <summary>The rows of a Shopware product's properties table, label and value as the page shows them.</summary>
internal static class ShopwareProperties
{
    // <tr class="properties-row"><th class="properties-label">Baujahr:</th><td class="properties-value"><span>2019</span></td></tr>
    private const string Rows = "tr.properties-row";

    private const string Label = ".properties-label, th";

    private const string Value = ".properties-value, td";

    /// <summary>("Baujahr:", "2019") per row that has both; a label keeps its colon.</summary>
    public static IEnumerable<(string Label, string Value)> Read(IParentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var row in document.QuerySelectorAll(Rows))
        {
            var label = ElementText.Of(row.QuerySelector(Label));
            var value = ElementText.OrNull(row.QuerySelector(Value));
            if (label.Length > 0 && value is not null)
            {
                yield return (label, value);
            }
        }
    }
}
