using System.Text.RegularExpressions;
using AngleSharp.Dom;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Platforms.Shopware;

internal static partial class ShopwareCard
{
    // The current price when a theme marks it: <span class="special-price">9.950,00 €*</span>.
    private const string SalePrice = ".special-price, .sale-price, .price-sale, .price-new";

    // The struck-out or list price next to it: <span class="list-price"><span class="list-price-price">…</span></span>,
    // "Vorher 10.900,00 €" (regulation price), <del>10.900 €</del>.
    private const string RegularPrice =
        "del, s, strike, [class*='list-price'], [class*='regulation'], .regular-price, .old-price, .price-old";

    // Where a card shows its availability: <div class="badge badge-sold">Verkauft</div>,
    // <p class="delivery-information delivery-soldout">, <span class="product-price">Sold</span>.
    private const string AvailabilityAreas =
        ".badge, .product-badges, [class*='availability'], [class*='delivery'], .product-price, .product-action";

    // Schema.org availability: <link itemprop="availability" href="https://schema.org/OutOfStock">.
    private const string AvailabilityMicrodata = "[itemprop='availability']";

    // A card with a list price holds both prices in one element: "9.950,00 €* 10.900,00 €* (8,72% gespart)".
    public static decimal? CurrentPrice(IElement priceElement)
    {
        ArgumentNullException.ThrowIfNull(priceElement);
        var sale = priceElement.QuerySelector(SalePrice);
        var current = sale is not null ? ElementText.Of(sale) : TextOutside(priceElement, RegularPrice);
        return PriceParser.Parse(current) ?? PriceParser.Parse(ElementText.Of(priceElement));
    }

    // Only class names, availability areas and microdata count, so a description mentioning "verkauft" is harmless.
    public static bool IsSold(IElement card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (HasSoldClass(card) || card.QuerySelectorAll("[class]").Any(HasSoldClass))
        {
            return true;
        }

        foreach (var area in card.QuerySelectorAll(AvailabilityAreas))
        {
            if (SoldWording().IsMatch(ElementText.Of(area)))
            {
                return true;
            }
        }

        return card.QuerySelectorAll(AvailabilityMicrodata)
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("content") ?? "")
            .Any(value => UnavailableSchema().IsMatch(value));
    }

    public static string? ImageSource(IElement image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return LastSrcsetUrl(image.GetAttribute("srcset"))
            ?? LastSrcsetUrl(image.GetAttribute("data-srcset"))
            ?? RealSource(image.GetAttribute("data-src"))
            ?? RealSource(image.GetAttribute("src"));
    }

    private static string? LastSrcsetUrl(string? srcset)
    {
        var last = srcset?.Split(',').Select(entry => entry.Trim()).LastOrDefault(entry => entry.Length > 0);
        return last?.Split(' ')[0];
    }

    // A lazy-loading placeholder (data:image/svg+xml,…) is not the watch's picture.
    private static string? RealSource(string? source) =>
        string.IsNullOrWhiteSpace(source) || source.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? null : source;

    private static bool HasSoldClass(IElement element)
    {
        foreach (var name in element.ClassList)
        {
            if (SoldClass().IsMatch(name))
            {
                return true;
            }
        }

        return false;
    }

    private static string TextOutside(IElement root, string excludedSelector)
    {
        var parts = new List<string>();
        Collect(root, excludedSelector, parts);
        return string.Join(' ', parts);
    }

    private static void Collect(INode node, string excludedSelector, List<string> parts)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text && text.Data.Trim() is { Length: > 0 } trimmed)
            {
                parts.Add(trimmed);
            }
            else if (child is IElement element && !element.Matches(excludedSelector))
            {
                Collect(element, excludedSelector, parts);
            }
        }
    }

    // A class naming a sold state: "badge-sold", "is-sold", "delivery-soldout", "sold-out", "out-of-stock", "verkauft".
    [GeneratedRegex(@"(?:^|[-_])(?:sold|soldout|verkauft|ausverkauft)(?:$|[-_])|out-?of-?stock", RegexOptions.IgnoreCase)]
    private static partial Regex SoldClass();

    // Sold wording in a badge or availability line: "Verkauft", "Sold out", "Nicht mehr verfügbar".
    [GeneratedRegex(@"\b(?:verkauft|ausverkauft|vergriffen|sold|out of stock|nicht mehr verfügbar|no longer available)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SoldWording();

    // Schema.org values of an unavailable offer: "https://schema.org/OutOfStock", "http://schema.org/SoldOut".
    [GeneratedRegex("OutOfStock|SoldOut|Discontinued", RegexOptions.IgnoreCase)]
    private static partial Regex UnavailableSchema();
}
