using System.Globalization;
using System.Text;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;

namespace WatchMonitor.FakeSites.Rendering.Platforms;

/// <summary>
/// A Shopware 6 shop: product boxes with <c>data-product-information</c>, paginated with <c>?p=N</c>, and detail
/// pages with a JSON-LD product and a properties table.
/// </summary>
public sealed class ShopwareShopRenderer : PlatformShopRenderer
{
    private const int ProductNumberBase = 20_000;

    /// <summary>Products per listing page: small, so a dozen listings already take two pages.</summary>
    public const int PageSize = 8;

    public override string Key => "shopware_shop";

    public override string Platform => "shopware";

    public override string Name => "Uhrenkontor";

    public override string ListingPath => "neuheiten";

    public override string DetailPath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"{Slugs.Of(listing.Brand + " " + listing.Model)}/UK-{ProductNumberBase + listing.Id}";
    }

    protected override int? DetailId(string path)
    {
        var marker = path.LastIndexOf("/UK-", StringComparison.Ordinal);
        return marker > 0 && int.TryParse(path.AsSpan(marker + 4), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > ProductNumberBase
            ? number - ProductNumberBase
            : null;
    }

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var pages = Math.Max(1, (listings.Count + PageSize - 1) / PageSize);
        var cards = new StringBuilder();
        foreach (var listing in listings.Skip((Math.Min(page, pages) - 1) * PageSize).Take(PageSize))
        {
            var url = address.Absolute(DetailPath(listing));
            var information = Html.Encode($$"""{"id":"{{listing.Id:x32}}","name":{{ShopwareMarkup.Json(ProductName(listing))}}}""");
            var image = HasImage(listing)
                ? $"""<img src="{ImageUrl(listing, address)}" srcset="{ImageUrl(listing, address)} 800w" class="product-image is-standard" alt="" loading="lazy">"""
                : "";
            var price = listing.Price is not { } current ? "Preis auf Anfrage"
                : listing.ListPrice is { } list ? $"""{PriceFormats.GermanEuroCents(current)}* <span class="list-price"><span class="list-price-price">{PriceFormats.GermanEuroCents(list)}*</span></span>"""
                : PriceFormats.GermanEuroCents(current) + "*";
            cards.Append($"""
                <div class="cms-listing-col col-sm-6 col-lg-4">
                  <div class="card product-box box-standard" data-product-information="{information}">
                    <div class="card-body">
                      <div class="product-badges">{(listing.Sold ? """<div class="badge badge-sold">Verkauft</div>""" : "")}</div>
                      <div class="product-image-wrapper"><a href="{url}" class="product-image-link is-standard">{image}</a></div>
                      <div class="product-info">
                        <a href="{url}" class="product-name" title="{Html.Encode(ProductName(listing))}">{Html.Encode(ProductName(listing))}</a>
                        <div class="product-price-info"><div class="product-price-wrapper"><span class="product-price">{price}</span></div></div>
                      </div>
                    </div>
                  </div>
                </div>

                """);
        }

        var pagination = string.Concat(Enumerable.Range(1, pages).Select(number =>
            $"""<li class="page-item{(number == page ? " active" : "")}"><a class="page-link" href="?p={number}" data-page="{number}">{number}</a></li>"""));
        var body = $"""
            <div class="cms-element-product-listing">
              <div class="row cms-listing-row js-listing-wrapper">
            {cards}  </div>
              <nav class="pagination-nav"><ul class="pagination">{pagination}</ul></nav>
            </div>
            """;
        return new RenderedPage(Html.Page("de-DE", "Neuheiten | " + Name, body), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        var url = address.Absolute(DetailPath(listing));
        var description = $"<p>{Html.Encode(ProductName(listing))}. Lieferumfang: {ListingTexts.BoxPapersGerman(listing.BoxPapers)}.</p>";
        var properties = ShopwareMarkup.PropertiesTable(Specification(listing).Where(row => row.Label != "Lieferumfang"));
        var body = $"""
            <div class="product-detail">
              <h1 class="product-detail-name">{Html.Encode(ProductName(listing))}</h1>
              <div class="product-detail-price-container"><p class="product-detail-price">{ShopwareMarkup.Price(listing)}</p></div>
              <div class="product-detail-description-text" itemprop="description">{description}</div>
              {properties}
            </div>
            """;
        var head = ShopwareMarkup.JsonLd(listing, ProductName(listing), url, ImageUrl(listing, address), description, "UK-" + (ProductNumberBase + listing.Id));
        return new RenderedPage(Html.Page("de-DE", ProductName(listing) + " | " + Name, body, head), RenderedPage.HtmlType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        return listing.Sold ? null : new(listing.Id, address.Absolute(DetailPath(listing)), ProductName(listing), listing.Price, Currency);
    }
}
