using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Grimmeissen;

/// <summary>Grimmeissen: cards with lazy-loaded images, German spec tables; sold items kept (docs/dealers.md#grimmeissen).</summary>
public sealed class GrimmeissenAdapter : SiteAdapter
{
    // <article class="watch"><figure>…</figure><section class="fh">…</section></article>
    private static readonly ISelector Card = CssSelector.Parse("article.watch");

    // <figure><a href="/de/uhren/rolex-submariner-date-116610ln-24117">
    private static readonly ISelector CardLink = CssSelector.Parse("figure a");

    // <figure><a …><img src="/img/blank.gif" data-src="/media/uhren/24117/1.jpg"></a></figure>
    private static readonly ISelector CardImage = CssSelector.Parse("figure a img");

    // <section class="fh"><h1><span><a href="/de/marken/rolex">Rolex</a></span> Submariner Date</h1>
    private static readonly ISelector CardHeading = CssSelector.Parse("section.fh h1");

    // <section class="fh">…<p>€ 12.500,-</p> or <p>Verkauft</p>
    private static readonly ISelector CardPrice = CssSelector.Parse("section.fh p");

    public override SiteDefinition Site => SiteCatalog.Grimmeissen;

    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);

        return ParseCards(pageText, Card, item => ParseItem(item, baseUrl));
    }

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);

        // <div class="c-7 do-lefty"><h1 class="lowpad-b">…</h1><p>€ 12.500,-</p>…</div>
        if (document.QuerySelector("div.c-7.do-lefty") is { } container)
        {
            GrimmeissenDetailPage.Apply(listing, container);
        }
    }

    private Listing? ParseItem(IElement item, string baseUrl)
    {
        var href = item.First(CardLink)?.GetAttribute("href");
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        var listing = NewListing(UrlJoiner.Join(baseUrl, href));
        listing.ImageUrl = LazyImageUrl(item, baseUrl);

        var heading = GrimmeissenHeading.Read(item.First(CardHeading));
        listing.Title = heading.Title;
        listing.Brand = heading.Brand;
        listing.Model = heading.Model;

        var priceText = ElementText.OrNull(item.First(CardPrice));
        listing.Price = PriceParser.Parse(priceText) is { } price && price != 0m ? price : null;
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);

        // Prices the Python monitor could not read ("1.234.567 €") are missing from its id, which is the legacy id.
        listing.AssignIdentity(CompositeIdInputs.From(listing) with { Price = PriceParser.ParseAsReference(priceText) });
        return listing;
    }

    // Only the lazy-load attribute: <img src="/img/blank.gif" data-src="/media/uhren/24117/1.jpg">
    private static string? LazyImageUrl(IElement item, string baseUrl)
    {
        var source = item.First(CardImage)?.GetAttribute("data-src");
        return string.IsNullOrWhiteSpace(source) ? null : UrlJoiner.Join(baseUrl, source);
    }
}
