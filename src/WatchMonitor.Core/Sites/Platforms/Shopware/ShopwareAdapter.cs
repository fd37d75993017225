using System.Text.Json;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Platforms.Shopware;

/// <summary>
/// Any Shopware 6 storefront: the product boxes of a listing page (every page of its pagination), and the
/// JSON-LD product, properties table and description of a detail page. A built-in Shopware dealer derives from
/// this class and replaces only the rules its shop needs: its card selector, what a card says, its detail page
/// (docs/dealers.md).
/// </summary>
public class ShopwareAdapter(SiteDefinition site) : SiteAdapter
{
    // <div class="card product-box box-standard" data-product-information='{"id":"…","name":"…"}'>
    private const string Cards = ".product-box";

    // <a href="…/rolex-submariner/SW10017" class="product-name" title="Rolex Submariner">, or the card's other links
    private const string Links = "a.product-name[href], a.card-body-link[href], a.product-image-link[href], a.card-body[href], a[href]";

    // <span class="product-price">12.500,00 €*</span>
    private const string Price = ".product-price";

    // <img class="product-image is-standard" srcset="…400x400.webp 400w, …1920x1920.webp 1920w">
    private const string Image = "img.product-image, img";

    // <h1 class="product-detail-name">Rolex Submariner Date</h1>
    private protected const string DetailName = "h1.product-detail-name";

    // <div class="product-detail-description-text" itemprop="description"><p>…</p></div>
    private const string Description = ".product-detail-description-text, [itemprop='description']";

    public override SiteDefinition Site => site;

    public override ListingPage ParseListings(string pageText, string baseUrl) => ParsePage(pageText, baseUrl).Listings;

    /// <summary>
    /// Page 1 is the listing URL, pages 2..N follow Shopware's <c>?p=N</c> (at most
    /// <see cref="ShopwarePagination.MaxPages"/>). A shop answers an out-of-range page with an empty or repeated
    /// listing, so a page without a card not seen before (sold ones count) ends the walk. A failed page fails the
    /// fetch: a cycle never works from a silently truncated listing.
    /// </summary>
    public override async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!FollowsPagination)
        {
            return ParseListings(await fetcher.GetStringAsync(endpoints.ListingUrl, cancellationToken).ConfigureAwait(false), endpoints.BaseUrl);
        }

        var collector = new ListingCollector();
        var cardUrls = new HashSet<string>(StringComparer.Ordinal);
        var listingUrls = new HashSet<string>(StringComparer.Ordinal);
        var lastPage = 1;
        for (var page = 1; page <= lastPage; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var url = page == 1 ? endpoints.ListingUrl : ShopwarePagination.PageUrl(endpoints.ListingUrl, page);
            var result = ParsePage(await fetcher.GetStringAsync(url, cancellationToken).ConfigureAwait(false), endpoints.BaseUrl);
            foreach (var listing in result.Listings.Where(listing => listingUrls.Add(listing.Url)))
            {
                collector.Add(listing);
            }

            collector.AddSkipped(result.Listings);
            var anyNew = false;
            foreach (var cardUrl in result.CardUrls)
            {
                anyNew |= cardUrls.Add(cardUrl);
            }

            if (!anyNew)
            {
                break;
            }

            // Later pages may show a wider window of page numbers than page 1 did.
            lastPage = Math.Min(Math.Max(lastPage, result.LastPage), ShopwarePagination.MaxPages);
        }

        return collector.ToPage();
    }

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);
        var product = JsonLdProduct.Find(document);
        if (listing.Title == Listing.UnknownTitle && (product?.Name ?? ElementText.OrNull(document.QuerySelector(DetailName))) is { } title)
        {
            listing.Title = title;
        }

        // <th>Baujahr:</th><td>2019</td> → "Baujahr: 2019"
        var lines = ShopwareProperties.Read(document).Select(row => row.Label.TrimEnd(':').Trim() + ": " + row.Value).ToList();
        lines.AddRange(TextFacts.LinesOf(document.QuerySelector(Description)));
        var facts = TextFacts.Read(lines, listing.Title);
        if (listing.Brand is null || listing.Model is null)
        {
            var (brand, model) = KnownBrands.Split(product?.Brand ?? facts.Brand, listing.Title, Site.DisplayName);
            listing.Brand ??= brand;
            listing.Model ??= model;
        }

        listing.Reference ??= product?.Mpn;
        facts.FillMissing(listing);
    }

    /// <summary>One listing page: its unsold listings, the URLs of all its cards (sold ones too) and its last page number.</summary>
    internal (ListingPage Listings, IReadOnlyList<string> CardUrls, int LastPage) ParsePage(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var document = ParseHtml(pageText);
        var collector = new ListingCollector();
        var cardUrls = new List<string>();
        foreach (var card in document.QuerySelectorAll(CardSelector))
        {
            collector.Parse(card, element =>
            {
                var link = element.QuerySelector(LinkSelector);
                var href = link?.GetAttribute("href");
                if (link is null || string.IsNullOrWhiteSpace(href))
                {
                    return null;
                }

                var url = CardUrl(baseUrl, href);
                cardUrls.Add(url);
                return IsSold(element) ? null : CreateListing(element, link, url, baseUrl);
            }, element => element.QuerySelector(LinkSelector)?.GetAttribute("href"));
        }

        return (collector.ToPage(), cardUrls, ShopwarePagination.LastPage(document));
    }

    /// <summary>The shop's product boxes.</summary>
    private protected virtual string CardSelector => Cards;

    /// <summary>The link of a card, tried in the selector's order; a card without one is no product.</summary>
    private protected virtual string LinkSelector => Links;

    /// <summary>False where only the listing page itself is read, whatever its pagination shows.</summary>
    private protected virtual bool FollowsPagination => true;

    /// <summary>A sold card is no listing (its URL still counts as seen for the pagination).</summary>
    private protected virtual bool IsSold(IElement card) => ShopwareCard.IsSold(card);

    private protected virtual string CardUrl(string baseUrl, string href) => UrlJoiner.Join(baseUrl, href.Trim());

    /// <summary>The listing of an unsold card, its composite id assigned.</summary>
    private protected virtual Listing CreateListing(IElement card, IElement link, string url, string baseUrl)
    {
        var listing = NewListing(url);
        var title = CardTitle(card);
        listing.Title = title ?? Listing.UnknownTitle;
        (listing.Brand, listing.Model) = KnownBrands.Split(null, title, Site.DisplayName);
        if (card.QuerySelector(Price) is { } price)
        {
            listing.Price = ShopwareCard.CurrentPrice(price);
            listing.Currency = PriceCurrency.Of(ElementText.OrNull(price), listing.Currency);
        }

        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        if (card.QuerySelector(Image) is { } image && ShopwareCard.ImageSource(image) is { } source)
        {
            listing.ImageUrl = UrlJoiner.Join(baseUrl, source);
        }

        listing.AssignIdentity();
        return listing;
    }

    // The name in data-product-information, then the product-name link, then the title of a link.
    private static string? CardTitle(IElement card)
    {
        if (card.GetAttribute("data-product-information") is { Length: > 0 } information)
        {
            try
            {
                using var json = JsonDocument.Parse(information);
                if (json.RootElement.ValueKind == JsonValueKind.Object && RecordCleaner.Clean(JsonFields.String(json.RootElement, "name")) is { } name)
                {
                    return name;
                }
            }
            catch (JsonException)
            {
                // A broken attribute leaves the name to the markup below.
            }
        }

        // <a class="product-name">…</a>, <a class="card-body" data-title="…">, <a title="…">
        return ElementText.OrNull(card.QuerySelector(".product-name"))
            ?? RecordCleaner.Clean(card.QuerySelector("[data-title]")?.GetAttribute("data-title"))
            ?? RecordCleaner.Clean(card.QuerySelector("a[title]")?.GetAttribute("title"));
    }
}
