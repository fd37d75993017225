using AngleSharp.Dom;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WorldOfTime;

internal enum WorldOfTimeDetailField
{
    None,
    Reference,
    Year,
    Condition,
    CaseMaterial,
    Diameter,
    Brand,
    Model,
    BoxPapers,
}

// Deliberately loose (any table row or dl pair, labels by substring): the layout is unverified.
internal static class WorldOfTimeDetailRows
{
    private static readonly string[] NotTheCase =
        ["band", "bracelet", "strap", "dial", "zifferblatt", "glas", "bezel", "lünette", "schließe", "clasp", "buckle"];

    public static IEnumerable<(string Label, string Value)> Read(IElement scope)
    {
        // Any element that is a table row or a definition list: <tr><th>Year</th><td>1995</td></tr>, <dl>.
        foreach (var element in scope.QuerySelectorAll("tr, dl"))
        {
            var pairs = element.LocalName == "dl" ? DefinitionPairs(element) : RowPair(element);
            foreach (var pair in pairs)
            {
                yield return pair;
            }
        }
    }

    /// <summary>"Gehäusedurchmesser:" → Diameter, "Reference No." → Reference, "Armbandmaterial" → None.</summary>
    public static WorldOfTimeDetailField Classify(string label)
    {
        var lower = label.Replace(":", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
        var aboutTheCase = !ContainsAny(lower, NotTheCase);
        return lower switch
        {
            _ when aboutTheCase && ContainsAny(lower, "durchmesser", "diameter", "größe", "size") => WorldOfTimeDetailField.Diameter,
            _ when aboutTheCase && lower.Contains("material", StringComparison.Ordinal) => WorldOfTimeDetailField.CaseMaterial,
            _ when ContainsAny(lower, "jahr", "year") => WorldOfTimeDetailField.Year,
            _ when ContainsAny(lower, "referenz", "reference") || lower.StartsWith("ref", StringComparison.Ordinal) => WorldOfTimeDetailField.Reference,
            _ when ContainsAny(lower, "zustand", "condition") => WorldOfTimeDetailField.Condition,
            _ when ContainsAny(lower, "lieferumfang", "scope of delivery", "accessories", "box", "papiere", "papers") => WorldOfTimeDetailField.BoxPapers,
            _ when ContainsAny(lower, "marke", "hersteller", "brand", "manufacturer") => WorldOfTimeDetailField.Brand,
            _ when ContainsAny(lower, "modell", "model") => WorldOfTimeDetailField.Model,
            _ => WorldOfTimeDetailField.None,
        };
    }

    private static IEnumerable<(string Label, string Value)> RowPair(IElement row)
    {
        var cells = row.Children.Where(cell => cell.LocalName is "th" or "td").Take(2).ToArray();
        if (cells.Length == 2)
        {
            yield return (ElementText.Of(cells[0]), ElementText.Of(cells[1]));
        }
    }

    // Each dd belongs to the nearest dt before it; a dl may wrap its pairs in divs, as HTML allows.
    private static IEnumerable<(string Label, string Value)> DefinitionPairs(IElement list)
    {
        string? label = null;
        foreach (var term in list.QuerySelectorAll("dt, dd"))
        {
            if (term.LocalName == "dt")
            {
                label = ElementText.Of(term);
            }
            else if (label is not null)
            {
                yield return (label, ElementText.Of(term));
            }
        }
    }

    private static bool ContainsAny(string text, params ReadOnlySpan<string> needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
