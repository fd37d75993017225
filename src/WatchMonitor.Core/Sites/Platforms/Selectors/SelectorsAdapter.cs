using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.Platforms.Shopware;

namespace WatchMonitor.Sites.Platforms.Selectors;

/// <summary>How many of a listing page's cards each selector found something in (for <c>watchmon try</c>).</summary>
public sealed record SelectorMatches(int Cards, IReadOnlyDictionary<string, int> MatchedCards);

/// <summary>
/// A shop on no known platform, described by CSS selectors from configuration: one card per listing and, inside
/// it, link, title, price, image and a sold marker; optional selectors read the detail page. Selectors inside a
/// card may also match the card itself (a card that is its own link).
/// </summary>
public sealed class SelectorsAdapter(SiteDefinition site, SelectorSet selectors) : SiteAdapter
{
    private static readonly string[] CardSelectorNames = [SelectorSet.Link, SelectorSet.Title, SelectorSet.Price, SelectorSet.Image, SelectorSet.Sold];

    public override SiteDefinition Site => site;

    public SelectorSet Selectors => selectors;

    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        return ParseCards(pageText, selectors[SelectorSet.Card]!, card => ParseCard(card, baseUrl));
    }

    /// <summary>Detail pages are fetched only when a detail selector is configured.</summary>
    public override Task FetchDetailsAsync(IPageFetcher fetcher, Listing listing, SiteEndpoints endpoints, CancellationToken cancellationToken) =>
        selectors.HasDetail ? base.FetchDetailsAsync(fetcher, listing, endpoints, cancellationToken) : Task.CompletedTask;

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);
        listing.Reference = DetailText(document, SelectorSet.DetailReference) ?? listing.Reference;
        listing.Year = YearParser.Parse(DetailText(document, SelectorSet.DetailYear)) ?? listing.Year;
        listing.Condition = ConditionRater.Rate(DetailText(document, SelectorSet.DetailCondition)) ?? listing.Condition;
        listing.CaseMaterial = DetailText(document, SelectorSet.DetailCaseMaterial) ?? listing.CaseMaterial;
        listing.Diameter = DiameterText.Normalize(DetailText(document, SelectorSet.DetailDiameter)) ?? listing.Diameter;
        if (selectors[SelectorSet.DetailDescription] is { } description && document.First(description) is { } element)
        {
            TextFacts.Read(TextFacts.LinesOf(element), listing.Title).FillMissing(listing);
        }
    }

    /// <summary>Counts, per card selector, the cards in which it matched.</summary>
    public SelectorMatches Diagnose(string pageText)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);
        var counts = CardSelectorNames.Where(name => selectors[name] is not null).ToDictionary(name => name, _ => 0, StringComparer.Ordinal);
        var cards = 0;
        foreach (var card in document.All(selectors[SelectorSet.Card]!))
        {
            cards++;
            foreach (var name in counts.Keys.ToList())
            {
                if (Find(card, name) is { } element && (name != SelectorSet.Link || Href(element) is not null))
                {
                    counts[name]++;
                }
            }
        }

        return new SelectorMatches(cards, counts);
    }

    private Listing? ParseCard(IElement card, string baseUrl)
    {
        var href = Find(card, SelectorSet.Link) is { } link ? Href(link) : null;
        if (href is null || Find(card, SelectorSet.Sold) is not null)
        {
            return null;
        }

        var listing = NewListing(UrlJoiner.Join(baseUrl, href));
        var title = ElementText.OrNull(Find(card, SelectorSet.Title));
        listing.Title = title ?? Listing.UnknownTitle;
        (listing.Brand, listing.Model) = KnownBrands.Split(null, title, Site.DisplayName);
        // A struck-out former price inside the price element (<del>, .old-price) is not what the watch costs now.
        var priceElement = Find(card, SelectorSet.Price);
        listing.Price = priceElement is null ? null : ShopwareCard.CurrentPrice(priceElement);
        listing.Currency = PriceCurrency.Of(ElementText.OrNull(priceElement), listing.Currency);
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        if (ImageSource(Find(card, SelectorSet.Image)) is { } image)
        {
            listing.ImageUrl = UrlJoiner.Join(baseUrl, image);
        }

        listing.AssignIdentity();
        return listing;
    }

    private IElement? Find(IElement card, string name) =>
        selectors[name] is not { } selector ? null
        : selector.Match(card, card) ? card
        : card.First(selector);

    private string? DetailText(IDocument document, string name) =>
        selectors[name] is { } selector ? ElementText.OrNull(document.First(selector)) : null;

    // The element's href, or that of the first link inside it: <a href="/uhren/x">, <h3><a href="/uhren/x">.
    private static string? Href(IElement element)
    {
        var href = element.GetAttribute("href") ?? element.QuerySelector("a[href]")?.GetAttribute("href");
        return string.IsNullOrWhiteSpace(href) ? null : href.Trim();
    }

    // The first of src, data-src and srcset that holds a real URL (not a data: placeholder); srcset gives its first entry.
    private static string? ImageSource(IElement? image)
    {
        if (image is null)
        {
            return null;
        }

        if (image.LocalName != "img" && image.QuerySelector("img") is { } inner)
        {
            image = inner;
        }

        foreach (var attribute in new[] { "src", "data-src", "srcset" })
        {
            var value = image.GetAttribute(attribute)?.Trim();
            if (attribute == "srcset")
            {
                value = value?.Split(',')[0].Trim().Split(' ')[0];
            }

            if (!string.IsNullOrEmpty(value) && !value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
