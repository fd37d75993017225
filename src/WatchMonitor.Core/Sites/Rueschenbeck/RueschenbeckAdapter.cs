using System.Text.RegularExpressions;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Rueschenbeck;

/// <summary>Rüschenbeck, a Shopware 6 shop; brand and model come from the URL slug (docs/dealers.md#rueschenbeck).</summary>
public sealed partial class RueschenbeckAdapter : SiteAdapter
{
    // A product card: <div class="product-list-item card product-box box-standard">.
    private const string Cards = "div.product-list-item.card.product-box";

    // The card's link, which carries the title: <a class="card-body" href="/rolex-…-certified-pre-owned" data-title="Rolex GMT-Master II">.
    private const string CardLink = "a.card-body";

    // <span class="product-price">€ 12.500,-</span>
    private const string CardPrice = "span.product-price";

    // <img class="product-image is-standard" srcset="…400x400.jpg 400w, …800x800.jpg 800w">
    private const string CardImage = "img.product-image";

    // Certified pre-owned badge: <div class="badge badge-cpo">Certified Pre-Owned</div>.
    private const string CpoBadge = "div.badge-cpo, .badge.badge-cpo";

    // The shop's product number: <span data-product-number="16710#*510918">.
    private const string ProductNumber = "[data-product-number]";

    private const string ProductNumberSeparator = "#*";

    public override SiteDefinition Site => SiteCatalog.Rueschenbeck;

    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var document = ParseHtml(pageText);
        return ReadCards(document, baseUrl);
    }

    // A shop answers an out-of-range page with an empty or repeated listing, so a page without a new card (sold ones
    // count) ends the walk; a failed page fails the fetch, so a cycle never works from a truncated listing.
    public override async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        var listings = new ListingCollector();
        var cardUrls = new HashSet<string>(StringComparer.Ordinal);
        var listingUrls = new HashSet<string>(StringComparer.Ordinal);
        var lastPage = 1;
        for (var page = 1; page <= lastPage; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var url = page == 1 ? endpoints.ListingUrl : RueschenbeckPagination.PageUrl(endpoints.ListingUrl, page);
            var pageText = await fetcher.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
            var result = ParsePage(pageText, endpoints.BaseUrl);
            foreach (var listing in result.Listings.Where(l => listingUrls.Add(l.Url)))
            {
                listings.Add(listing);
            }

            listings.AddSkipped(result.Listings);
            var anyNewCard = false;
            foreach (var cardUrl in result.CardUrls)
            {
                anyNewCard |= cardUrls.Add(cardUrl);
            }

            if (!anyNewCard)
            {
                break;
            }

            // Later pages may show a wider window of page numbers than page 1 did.
            lastPage = Math.Min(Math.Max(lastPage, result.LastPage), RueschenbeckPagination.MaxPages);
        }

        return listings.ToPage();
    }

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);
        var page = RueschenbeckDetailPage.Read(document);
        listing.Title = page.Title ?? listing.Title;
        listing.Brand = page.Brand ?? listing.Brand;
        listing.Model = page.Model ?? listing.Model;
        foreach (var reference in page.ReferenceCandidates)
        {
            if (reference.Length > (listing.Reference?.Length ?? 0))
            {
                listing.Reference = reference;
            }
        }

        listing.Year = YearParser.Parse(page.YearText, listing.Title) ?? listing.Year;
        listing.CaseMaterial = page.CaseMaterial is { } material ? TextCase.Title(material) : listing.CaseMaterial;
        listing.Diameter = NormalizeDiameter(page.Diameter) ?? listing.Diameter;
        var (hasPapers, hasBox) = BoxPapersParser.Parse(JoinPresent(page.Description, page.ConditionText, page.Accessories));
        listing.HasPapers = hasPapers ?? listing.HasPapers;
        listing.HasBox = hasBox ?? listing.HasBox;
        listing.Condition = ConditionRater.Rate(page.ConditionText) ?? listing.Condition;
    }

    /// <summary>"41 mm" / "40,5mm" → "41mm" / "40.5mm"; a bare "40" → "40mm"; anything else is kept as written.</summary>
    internal static string? NormalizeDiameter(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        // A rectangular case keeps both sides; the first-number rule would report only the second.
        if (RectangularSize().IsMatch(trimmed))
        {
            return trimmed;
        }

        var millimetres = Millimetres().Match(trimmed);
        if (millimetres.Success)
        {
            return millimetres.Groups[1].Value.Replace(',', '.') + "mm";
        }

        var bare = trimmed.Replace("mm", "", StringComparison.OrdinalIgnoreCase).Replace(" ", "", StringComparison.Ordinal).Replace(',', '.');
        return PlainNumber().IsMatch(bare) ? bare + "mm" : trimmed;
    }

    // Card URLs include sold cards, so a page of only sold watches still counts as new.
    internal (ListingPage Listings, IReadOnlyList<string> CardUrls, int LastPage) ParsePage(string pageText, string baseUrl)
    {
        using var document = ParseHtml(pageText);
        var cardUrls = new List<string>();
        var listings = ReadCards(document, baseUrl, cardUrls);
        return (listings, cardUrls, RueschenbeckPagination.LastPage(document));
    }

    private ListingPage ReadCards(IParentNode document, string baseUrl, List<string>? cardUrls = null)
    {
        var listings = new ListingCollector();
        foreach (var card in document.QuerySelectorAll(Cards))
        {
            listings.Parse(card, element =>
            {
                var link = element.QuerySelector(CardLink);
                var href = link?.GetAttribute("href");
                if (link is null || string.IsNullOrWhiteSpace(href))
                {
                    return null;
                }

                var url = UrlJoiner.JoinUnlessHttp(baseUrl, href);
                cardUrls?.Add(url);
                return RueschenbeckCard.IsSold(element) ? null : ReadCard(element, link, url, baseUrl);
            }, element => element.QuerySelector(CardLink)?.GetAttribute("href"));
        }

        return listings.ToPage();
    }

    private Listing ReadCard(IElement card, IElement link, string url, string baseUrl)
    {
        var title = link.GetAttribute("data-title") ?? Listing.UnknownTitle;
        var productNumber = ProductReference(card);
        var reference = productNumber ?? TitleReference(title);
        var slug = RueschenbeckSlug.Parse(url, productNumber);
        var priceElement = card.QuerySelector(CardPrice);
        var image = card.QuerySelector(CardImage) is { } img ? RueschenbeckCard.ImageSource(img) : null;

        var listing = NewListing(url);
        listing.Title = title;
        listing.Brand = slug.Brand;
        listing.Model = slug.Model;
        listing.Reference = reference;
        listing.Price = priceElement is null ? null : RueschenbeckCard.CurrentPrice(priceElement);
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        listing.ImageUrl = image is null ? null : UrlJoiner.JoinUnlessHttp(baseUrl, image);
        listing.Condition = card.QuerySelector(CpoBadge) is null ? null : ConditionRater.FourStars;

        // The Python monitor's slug and price reading gives the legacy id (docs/dealers.md#rueschenbeck).
        var legacySlug = RueschenbeckSlug.ParseAsReference(url, productNumber);
        var legacyPrice = priceElement is null ? null : PriceParser.ParseAsReference(ElementText.Of(priceElement));
        listing.AssignIdentity(new CompositeIdInputs(legacySlug.Brand, legacySlug.Model, reference, legacyPrice, null, null, title, url));
        return listing;
    }

    // "16710#*510918" → "16710"; a number without "#*" is the watch reference as a whole.
    private static string? ProductReference(IElement card)
    {
        var number = card.QuerySelector(ProductNumber)?.GetAttribute("data-product-number");
        var separator = number?.IndexOf(ProductNumberSeparator, StringComparison.Ordinal) ?? -1;
        var reference = separator >= 0 ? number![..separator] : number;
        return string.IsNullOrEmpty(reference) ? null : reference;
    }

    // Without a product number: the title's leading code, unless it is "Certified" or a short number.
    private static string? TitleReference(string title)
    {
        var match = LeadingCode().Match(title);
        if (!match.Success)
        {
            return null;
        }

        var code = match.Value;
        var shortNumber = code.Length < 4 && code.All(char.IsAsciiDigit);
        return shortNumber || string.Equals(code, "certified", StringComparison.OrdinalIgnoreCase) ? null : code;
    }

    private static string JoinPresent(params ReadOnlySpan<string?> parts)
    {
        var present = new List<string>();
        foreach (var part in parts)
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                present.Add(part);
            }
        }

        return string.Join(' ', present);
    }

    // The title's leading run of letters, digits, "-", "." and "/": "116900" in "116900 Rolex Air-King".
    [GeneratedRegex(@"^[A-Za-z0-9./-]+")]
    private static partial Regex LeadingCode();

    // A rectangular case: "39 x 46 mm", "25,5×38mm".
    [GeneratedRegex(@"\d{1,2}(?:[.,]\d{1,2})?\s*[x×]\s*\d{1,2}(?:[.,]\d{1,2})?\s*mm", RegexOptions.IgnoreCase)]
    private static partial Regex RectangularSize();

    // A diameter in millimetres, not inside a longer number: "41 mm", "40,5mm".
    [GeneratedRegex(@"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*mm", RegexOptions.IgnoreCase)]
    private static partial Regex Millimetres();

    // A plain number: "40", "40.5".
    [GeneratedRegex(@"^\d+(?:\.\d+)?$")]
    private static partial Regex PlainNumber();
}
