using System.Collections.Frozen;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Grimmeissen;

internal static class GrimmeissenDetailPage
{
    /// <summary>The shop grades condition 0 (unworn) to 5; the cell must hold exactly the digit.</summary>
    internal static readonly FrozenDictionary<string, string> GradeMap = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["0"] = ConditionRater.FiveStars,
        ["1"] = ConditionRater.FourStars,
        ["2"] = ConditionRater.ThreeStars,
        ["3"] = ConditionRater.TwoStars,
        ["4"] = ConditionRater.OneStar,
        ["5"] = ConditionRater.NoStars,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Apply(Listing listing, IElement container)
    {
        // <h1 class="lowpad-b"><span><a href="/de/marken/rolex">Rolex</a></span> Submariner Date</h1>
        var heading = container.QuerySelector("h1.lowpad-b");
        if (heading is not null)
        {
            ApplyHeading(listing, heading);
            ApplyPrice(listing, heading);
        }

        // The spec table is the first table among its siblings: <div class="specs"><table>…</table></div>
        var specTable = container.QuerySelector("table:nth-of-type(1)");
        if (specTable is not null)
        {
            ApplySpecs(listing, specTable);
        }

        ApplyBoxAndPapers(listing, container);
    }

    private static void ApplyHeading(Listing listing, IElement heading)
    {
        var parsed = GrimmeissenHeading.Read(heading);
        if (parsed.Title.Length > 0)
        {
            listing.Title = parsed.Title;
        }

        if (parsed.HasBrandLink)
        {
            listing.Brand = parsed.Brand;
            listing.Model = parsed.Model;
        }
    }

    // The price is the paragraph right after the heading: <h1 class="lowpad-b">…</h1><p>€ 12.500,-</p>
    private static void ApplyPrice(Listing listing, IElement heading)
    {
        if (heading.NextElementSibling is not { LocalName: "p" } paragraph
            || PriceParser.Parse(ElementText.Of(paragraph)) is not { } price
            || price == 0m)
        {
            return;
        }

        listing.Price = price;
        // The Python monitor kept the listing's display string here, so its embed showed a stale price or ❓.
        listing.PriceDisplay = PriceDisplay.Format(price, listing.Currency);
    }

    private static void ApplySpecs(Listing listing, IElement table)
    {
        foreach (var (header, value) in Rows(table))
        {
            switch (header)
            {
                case "Referenz":
                    listing.Reference = value;
                    break;
                case "Zustand":
                    listing.Condition = ConditionRater.Rate(value, GradeMap) ?? listing.Condition;
                    break;
                case "Gehäuse":
                    listing.CaseMaterial = value;
                    break;
                case "Jahr":
                    listing.Year = YearParser.Parse(value, listing.Title) ?? listing.Year;
                    break;
                case "Durchmesser":
                    listing.Diameter = value;
                    break;
                default:
                    break;
            }
        }
    }

    // <h3>Details</h3> … <table><tr><th>Lieferumfang:</th><td>Originalbox, Papiere</td></tr></table>
    private static void ApplyBoxAndPapers(Listing listing, IElement container)
    {
        var table = FollowingTable(DetailsHeading(container));
        if (table is null)
        {
            return;
        }

        foreach (var (header, value) in Rows(table))
        {
            if (header == "Lieferumfang")
            {
                (listing.HasPapers, listing.HasBox) = BoxPapersParser.Parse(value);
                return;
            }
        }
    }

    // <h3>Details</h3> or <h3><span>Weitere Details</span></h3>, but not <h3>Details <small>zur Uhr</small></h3>.
    private static IElement? DetailsHeading(IElement container)
    {
        foreach (var heading in container.QuerySelectorAll("h3"))
        {
            if (SoleText(heading) is { } text && text.Contains("details", StringComparison.OrdinalIgnoreCase))
            {
                return heading;
            }
        }

        return null;
    }

    private static string? SoleText(INode node)
    {
        while (node.ChildNodes.Length == 1)
        {
            node = node.ChildNodes[0];
            if (node is IText text)
            {
                return text.Data;
            }
        }

        return null;
    }

    private static IElement? FollowingTable(IElement? heading)
    {
        for (var sibling = heading?.NextElementSibling; sibling is not null; sibling = sibling.NextElementSibling)
        {
            if (sibling.LocalName == "table")
            {
                return sibling;
            }
        }

        return null;
    }

    private static IEnumerable<(string Header, string Value)> Rows(IElement table)
    {
        // <tr><th>Gehäuse:</th><td>Edelstahl</td></tr>
        foreach (var row in table.QuerySelectorAll("tr"))
        {
            var header = row.QuerySelector("th");
            var value = ElementText.OrNull(row.QuerySelector("td"));
            if (header is not null && value is not null)
            {
                yield return (ElementText.Of(header).Replace(":", "", StringComparison.Ordinal).Trim(), value);
            }
        }
    }
}
