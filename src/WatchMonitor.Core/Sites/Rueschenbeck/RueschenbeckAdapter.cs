using System.Text.RegularExpressions;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.Platforms.Shopware;

namespace WatchMonitor.Sites.Rueschenbeck;

/// <summary>
/// Rüschenbeck, a Shopware 6 shop on the platform's listing walk and card rules; its own are the card markup, brand
/// and model from the URL slug, the legacy ids and its detail page with the old layout's fallback
/// (docs/dealers.md#rueschenbeck).
/// </summary>
public sealed partial class RueschenbeckAdapter() : ShopwareAdapter(SiteCatalog.Rueschenbeck)
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

    private protected override string CardSelector => Cards;

    private protected override string LinkSelector => CardLink;

    // As the Python monitor joined them, so the URLs in its ids stay as they were.
    private protected override string CardUrl(string baseUrl, string href) => UrlJoiner.JoinUnlessHttp(baseUrl, href);

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
        listing.Diameter = DiameterText.Normalize(page.Diameter) ?? listing.Diameter;
        var (hasPapers, hasBox) = BoxPapersParser.Parse(JoinPresent(page.Description, page.ConditionText, page.Accessories));
        listing.HasPapers = hasPapers ?? listing.HasPapers;
        listing.HasBox = hasBox ?? listing.HasBox;
        listing.Condition = ConditionRater.Rate(page.ConditionText) ?? listing.Condition;
    }

    private protected override Listing CreateListing(IElement card, IElement link, string url, string baseUrl)
    {
        var title = link.GetAttribute("data-title") ?? Listing.UnknownTitle;
        var productNumber = ProductReference(card);
        var reference = productNumber ?? TitleReference(title);
        var slug = RueschenbeckSlug.Parse(url, productNumber);
        var priceElement = card.QuerySelector(CardPrice);
        var image = card.QuerySelector(CardImage) is { } img ? ShopwareCard.ImageSource(img) : null;

        var listing = NewListing(url);
        listing.Title = title;
        listing.Brand = slug.Brand;
        listing.Model = slug.Model;
        listing.Reference = reference;
        listing.Price = priceElement is null ? null : ShopwareCard.CurrentPrice(priceElement);
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
}
