using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;
using WatchMonitor.Sites.Platforms;
using WatchMonitor.Sites.Platforms.Shopware;

namespace WatchMonitor.Sites.JuwelierExchange;

/// <summary>
/// Juwelier Exchange, a Shopware 6 shop on the platform's card walk; its own are cards without a title, one listing
/// page, sold watches kept, and detail pages with JSON-LD and the shop's labels (docs/dealers.md#juwelier_exchange).
/// </summary>
public sealed class JuwelierExchangeAdapter() : ShopwareAdapter(SiteCatalog.JuwelierExchange)
{
    // <div class="card product-box box-standard" data-product-information='{"id":"0191…","name":"…"}'>
    private protected override string CardSelector => "div.card.product-box[data-product-information]";

    // <a class="card-body-link" href="https://www.juwelier-exchange.de/rolex-submariner/JE-24-1187" title="…">
    private protected override string LinkSelector => "a.card-body-link";

    // Only the listing page itself, as the monitor has always read this shop.
    private protected override bool FollowsPagination => false;

    // A card marked sold stays a listing, without a price, as the monitor has always read this shop.
    private protected override bool IsSold(IElement card) => false;

    private protected override string CardUrl(string baseUrl, string href) => UrlJoiner.Join(baseUrl, href);

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (string.IsNullOrWhiteSpace(pageText))
        {
            return;
        }

        using var document = ParseHtml(pageText);
        var product = JsonLdProduct.Find(document);
        // <h1 class="product-detail-name" itemprop="name">Rolex Submariner Date 116610LN</h1>
        if ((product?.Name ?? ElementText.OrNull(document.QuerySelector(DetailName))) is { } title)
        {
            listing.Title = title;
        }

        var properties = ProductProperties.Read(document);
        if ((product?.Brand ?? properties.Brand) is { } brand)
        {
            listing.Brand = brand;
        }

        listing.Reference ??= ChooseReference(properties, product, listing.Title);
        if (ConditionRater.Rate(properties.Condition) is { } condition)
        {
            listing.Condition = condition;
        }

        listing.CaseMaterial = properties.CaseMaterial(listing.CaseMaterial);
        ApplyDescription(listing, document);
        ApplyModel(listing);
    }

    private protected override Listing CreateListing(IElement card, IElement link, string url, string baseUrl)
    {
        var listing = NewListing(url);
        // <img class="product-image is-standard" src="…_800x800.jpg" srcset="…_400x400.webp 400w, …_1920x1920.webp 1920w">
        if (ProductImage.Source(card.QuerySelector("img.product-image")) is { } image)
        {
            listing.ImageUrl = UrlJoiner.Join(baseUrl, image);
        }

        // <span class="product-price">12.500,00 €*</span>, also "Preis auf Anfrage" or "Verkauft"
        var priceText = ElementText.OrNull(card.QuerySelector("span.product-price"));
        listing.Price = PriceParser.Parse(priceText);
        listing.Currency = PriceCurrency.Of(priceText, listing.Currency);
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);

        // The id is "unknown watch|cents|url"; where the Python monitor's price parser failed, its id is the legacy id.
        listing.AssignIdentity(CompositeIdInputs.From(listing) with { Price = PriceParser.ParseAsReference(priceText) });
        return listing;
    }

    // "Artikelnummer" is the shop's stock number ("JE-24-1187"), useless on Chrono24; it counts only where the title
    // names it, i.e. the dealer used the watch's reference as its number.
    private static string? ChooseReference(ProductProperties properties, JsonLdProduct? product, string title) =>
        properties.Reference
        ?? product?.Mpn
        ?? (properties.ArticleNumber is { } article && StandsInTitle(article, title) ? article : null);

    private static bool StandsInTitle(string word, string title)
    {
        var start = title.IndexOf(word, StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = start + word.Length;
            if ((start == 0 || !char.IsLetterOrDigit(title[start - 1])) && (end == title.Length || !char.IsLetterOrDigit(title[end])))
            {
                return true;
            }

            start = title.IndexOf(word, start + 1, StringComparison.Ordinal);
        }

        return false;
    }

    private static void ApplyDescription(Listing listing, IDocument document)
    {
        // <div class="product-detail-description-text" itemprop="description"><p>Baujahr 2016, …</p></div>
        var description = ElementText.OrNull(document.QuerySelector("div.product-detail-description-text[itemprop='description']"));
        if (YearParser.Parse(description, listing.Title) is { } year)
        {
            listing.Year = year;
        }

        var (hasPapers, hasBox) = BoxPapersParser.Parse(description);
        listing.HasPapers = hasPapers ?? listing.HasPapers;
        listing.HasBox = hasBox ?? listing.HasBox;
        listing.Diameter = DescriptionFacts.Diameter(description) ?? listing.Diameter;
        listing.CaseMaterial ??= DescriptionFacts.CaseMaterial(description);
    }

    private static void ApplyModel(Listing listing)
    {
        if (listing.Brand is null || listing.Title == Listing.UnknownTitle)
        {
            return;
        }

        if (ModelDeriver.Derive(listing.Title, listing.Brand, listing.Reference) is { } model)
        {
            listing.Model = model;
        }
    }
}
