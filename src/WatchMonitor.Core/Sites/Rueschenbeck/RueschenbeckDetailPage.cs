using AngleSharp.Dom;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.Platforms;

namespace WatchMonitor.Sites.Rueschenbeck;

// The current Shopware layout is an assumption modelled on Juwelier Exchange; the old layout's selectors remain the
// fallback for every field (docs/dealers.md#rueschenbeck).
internal sealed record RueschenbeckDetailPage(
    string? Title,
    string? Brand,
    string? Model,
    IReadOnlyList<string> ReferenceCandidates,
    string? YearText,
    string? CaseMaterial,
    string? Diameter,
    string? ConditionText,
    string? Description,
    string? Accessories)
{
    private const string ProductNumberSeparator = "#*";

    // Current layout: <h1 class="product-detail-name" itemprop="name">Rolex Submariner Date</h1>.
    private const string NewTitle = "h1.product-detail-name";

    // Old layout: <div class="product-name"><h1><span class="prod-name">Submariner</span></h1></div>.
    private const string OldTitle = "div.product-name h1 span.prod-name";

    // Old layout: <span class="manufacturer-name">Rolex</span> inside that h1.
    private const string OldBrand = "div.product-name h1 span.manufacturer-name";

    // Old layout: <span class="line-name">Submariner</span> inside that h1.
    private const string OldModel = "div.product-name h1 span.line-name";

    // Shopware manufacturer link: <a class="product-detail-manufacturer-link" title="Rolex"><img alt="Rolex"></a>.
    private const string ManufacturerLink = "a.product-detail-manufacturer-link";

    // Shopware order number: <span class="product-detail-ordernumber" itemprop="sku">16710#*510918</span>.
    private const string OrderNumber = ".product-detail-ordernumber";

    // Current layout properties: <table class="product-detail-properties-table"><tr class="properties-row">…
    private const string NewProperties = "table.product-detail-properties-table";

    // Current layout description: <div class="product-detail-description-text" itemprop="description">.
    private const string NewDescription = "div.product-detail-description-text";

    // Old layout spec containers, tried in this order: <div class="product-specifications"><table>…</table></div>.
    private static readonly string[] OldSpecContainers = ["div.product-specifications", "div.product-details", ".product-info"];

    // Old layout description: <div class="product-description">…</div>.
    private static readonly string[] OldDescriptions = ["div.product-description", "div.description", ".product-details-description"];

    // Condition block that overrides the condition row: <div class="product-condition">Sehr guter Zustand</div>.
    private static readonly string[] ConditionBlocks = ["div.product-condition", ".condition-info"];

    // Scope of delivery: <div class="product-accessories">Box und Papiere</div>.
    private static readonly string[] AccessoryBlocks = ["div.product-accessories", ".lieferumfang", ".scope-delivery"];

    // Labels that mention a case word but describe another part: "Armbandmaterial", "Gehäuseform", "Gehäuseboden".
    private static readonly string[] NotCaseMaterial =
    [
        "band", "bracelet", "strap", "schließe", "clasp", "lünette", "bezel", "glas", "crystal", "boden", "back", "form",
        "shape", "zifferblatt", "dial",
    ];

    public static RueschenbeckDetailPage Read(IParentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var product = JsonLdProduct.Find(document);
        var specs = SpecValues.Read(document);
        var manufacturer = document.QuerySelector(ManufacturerLink);
        var references = new List<string>();
        AddIfPresent(references, specs.Reference);
        AddIfPresent(references, product?.Mpn);
        AddIfPresent(references, ReferenceFromOrderNumber(ElementText.OrNull(document.QuerySelector(OrderNumber))));

        return new(
            Title: product?.Name ?? Text(document, NewTitle) ?? Text(document, OldTitle),
            Brand: product?.Brand ?? specs.Brand ?? Attribute(manufacturer, "title") ?? Text(document, OldBrand),
            Model: specs.Model ?? product?.Model ?? Text(document, OldModel),
            ReferenceCandidates: references,
            YearText: specs.Year,
            CaseMaterial: specs.CaseMaterial,
            Diameter: specs.Diameter,
            ConditionText: FirstText(document, ConditionBlocks) ?? specs.Condition,
            Description: Text(document, NewDescription) ?? FirstText(document, OldDescriptions) ?? product?.Description,
            Accessories: FirstText(document, AccessoryBlocks) ?? specs.Accessories);
    }

    // "16710#*510918" → "16710": the shop's number embeds the manufacturer reference before "#*" (as on the cards).
    private static string? ReferenceFromOrderNumber(string? orderNumber)
    {
        var separator = orderNumber?.IndexOf(ProductNumberSeparator, StringComparison.Ordinal) ?? -1;
        return separator > 0 ? orderNumber![..separator] : null;
    }

    private static void AddIfPresent(List<string> values, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values.Add(value.Trim());
        }
    }

    private static string? Text(IParentNode document, string selector) => ElementText.OrNull(document.QuerySelector(selector));

    private static string? FirstText(IParentNode document, string[] selectors) =>
        selectors.Select(selector => Text(document, selector)).FirstOrDefault(text => text is not null);

    private static string? Attribute(IElement? element, string name) =>
        element?.GetAttribute(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;

    // The first row per field wins.
    private sealed class SpecValues
    {
        private readonly List<string> _accessories = [];

        public string? Year { get; private set; }

        public string? Reference { get; private set; }

        public string? Diameter { get; private set; }

        public string? CaseMaterial { get; private set; }

        public string? Condition { get; private set; }

        public string? Brand { get; private set; }

        public string? Model { get; private set; }

        public string? Accessories => _accessories.Count == 0 ? null : string.Join(' ', _accessories);

        public static SpecValues Read(IParentNode document)
        {
            var values = new SpecValues();
            var tables = document.QuerySelectorAll(NewProperties);
            foreach (var table in tables)
            {
                values.AddRows(table);
            }

            if (tables.Length == 0 && OldSpecContainer(document) is { } oldContainer)
            {
                values.AddRows(oldContainer);
                values.AddDefinitionLists(oldContainer);
            }

            return values;
        }

        // A product card of a cross-selling slider also has a ".product-info"; it describes another watch.
        private static IElement? OldSpecContainer(IParentNode document) =>
            OldSpecContainers
                .Select(selector => document.QuerySelectorAll(selector).FirstOrDefault(e => e.Closest(".product-box") is null))
                .FirstOrDefault(e => e is not null);

        private void AddRows(IElement container)
        {
            foreach (var row in container.QuerySelectorAll("tr"))
            {
                var cells = row.Children.Where(c => c.LocalName is "th" or "td").Take(2).ToList();
                if (cells.Count == 2)
                {
                    Add(ElementText.Of(cells[0]), ElementText.Of(cells[1]));
                }
            }
        }

        private void AddDefinitionLists(IElement container)
        {
            foreach (var list in container.QuerySelectorAll("dl"))
            {
                var terms = list.QuerySelectorAll("dt");
                var definitions = list.QuerySelectorAll("dd");
                for (var i = 0; i < Math.Min(terms.Length, definitions.Length); i++)
                {
                    Add(ElementText.Of(terms[i]), ElementText.Of(definitions[i]));
                }
            }
        }

        // The Python monitor's substring rules in its order, then the labels a current product page adds.
        private void Add(string rawLabel, string value)
        {
            var label = rawLabel.Replace(":", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
            if (label.Length == 0 || value.Length == 0)
            {
                return;
            }

            if (ContainsAny(label, "jahr", "year") && !ContainsAny(label, "service", "revision"))
            {
                Year ??= value;
            }
            else if (ContainsAny(label, "referenz", "reference", "ref"))
            {
                Reference ??= value;
            }
            else if (ContainsAny(label, "durchmesser", "diameter", "größe", "size"))
            {
                Diameter ??= value;
            }
            else if (ContainsAny(label, "material", "gehäuse", "case") && !ContainsAny(label, NotCaseMaterial))
            {
                CaseMaterial ??= value;
            }
            else if (ContainsAny(label, "zustand", "condition"))
            {
                Condition ??= value;
            }
            else if (ContainsAny(label, "marke", "hersteller", "brand", "manufacturer"))
            {
                Brand ??= value;
            }
            else if (ContainsAny(label, "modell", "model", "kollektion", "collection"))
            {
                Model ??= value;
            }
            else if (ContainsAny(label, "lieferumfang", "zubehör", "accessories", "scope of delivery", "box", "papiere", "papers"))
            {
                // Kept with its label, so rows "Box | Ja" and "Papiere | Nein" read as "box: ja papiere: nein".
                _accessories.Add(label + ": " + value);
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
}
