using System.Globalization;
using System.Text;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>
/// rueschenbeck.de after the redesign: Shopware 6 product boxes, paginated with <c>?p=N</c> and a
/// <c>ul.pagination</c>; URL slugs end in <c>-certified-pre-owned</c>.
/// </summary>
public sealed class RueschenbeckRenderer : SiteRenderer
{
    private const int ProductNumberBase = 5_100_000;
    private const string SlugSuffix = "-certified-pre-owned";

    public override string Key => "rueschenbeck";

    public override string ListingPath => "vintage-certified-pre-owned";

    public override string DetailPath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        // "rolex-submariner-date-116610ln-5100017-certified-pre-owned": the reference keeps its dots so the slug parser
        // finds it ("311.30.42.30.01.005"), and the ≥ 5-digit product number ends the model.
        var slug = Slugs.Of($"{listing.Brand} {listing.Model}") + "-" + Slugs.Of(listing.Reference, keepDots: true);
        return $"{slug}-{ProductNumberBase + listing.Id}{SlugSuffix}";
    }

    protected override int? DetailId(string path) =>
        TrailingId(path, "", SlugSuffix) is { } number && number > ProductNumberBase ? number - ProductNumberBase : null;

    public static string Title(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"{listing.Brand} {listing.Model} Certified Pre-Owned";
    }

    /// <summary>Pages needed for <paramref name="count"/> listings (at least one: an empty category still has page 1).</summary>
    public static int PageCount(int count, int pageSize) => Math.Max(1, (count + pageSize - 1) / pageSize);

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var pages = PageCount(listings.Count, pageSize);
        var cards = new StringBuilder();
        foreach (var listing in listings.Skip((page - 1) * pageSize).Take(pageSize))
        {
            var image = address.Absolute($"media/{Path.GetFileNameWithoutExtension(listing.Image)}");
            cards.Append($"""
                <div class="cms-listing-col col-sm-6 col-lg-4 col-xl-3">
                  <div class="product-list-item card product-box box-standard">
                    <a class="card-body" href="{address.Absolute(DetailPath(listing))}" data-title="{Html.Encode(Title(listing))}">
                      <div class="product-image-wrapper"><img src="{image}-400x400.webp" srcset="{ShopwareMarkup.SrcSet(image)}" class="product-image is-standard" alt="{Html.Encode(Title(listing))}" loading="lazy"></div>
                      <div class="product-badges"><div class="badge badge-cpo">Certified Pre-Owned</div>{(listing.Sold ? """<div class="badge badge-sold">Verkauft</div>""" : "")}</div>
                      <div class="product-info">
                        <div class="product-manufacturer">{Html.Encode(listing.Brand)}</div>
                        <div class="product-name">{Html.Encode(listing.Model)}</div>
                        <div class="product-number" data-product-number="{Html.Encode(listing.Reference)}#*{ProductNumberBase + listing.Id}">Ref. {Html.Encode(listing.Reference)}</div>
                        <div class="product-price-info"><div class="product-price-wrapper">{CardPrice(listing)}</div></div>
                      </div>
                    </a>
                  </div>
                </div>

                """);
        }

        var content = cards.Length == 0
            ? """<div class="cms-listing-col col-12"><div class="alert alert-info">Keine Produkte gefunden.</div></div>"""
            : cards.ToString();
        var body = $"""
            <div class="cms-section"><div class="cms-element-product-listing-wrapper">
              <div class="cms-element-product-listing">
                <div class="row cms-listing-row js-listing-wrapper">
            {content}    </div>
                {Pagination(address, page, pages)}
              </div>
            </div></div>
            """;
        return new RenderedPage(Html.Page("de-DE", "Vintage & Certified Pre-Owned | Rüschenbeck", body), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        var url = address.Absolute(DetailPath(listing));
        var image = address.Absolute(ImagePath(listing));
        var description = $"Diese {listing.Brand} {listing.Model} (Referenz {listing.Reference}) aus dem Jahr {Text(listing.Year)} wurde von unseren Uhrmachern geprüft und als Certified Pre-Owned zertifiziert.";
        var properties = ShopwareMarkup.PropertiesTable(
        [
            ("Referenz", listing.Reference),
            ("Baujahr", Text(listing.Year)),
            ("Gehäusematerial", ListingTexts.MaterialGerman(listing.CaseMaterial)),
            ("Durchmesser", ListingTexts.Diameter(listing.DiameterMm, german: true)),
            ("Zustand", ListingTexts.ConditionGerman(listing.Condition)),
            ("Lieferumfang", ListingTexts.BoxPapersGerman(listing.BoxPapers)),
        ]);
        var body = $"""
            <div class="cms-page"><div class="product-detail">
              <div class="row product-detail-main">
                <div class="col-lg-7 product-detail-media"><img src="{image}" alt="" class="img-fluid"></div>
                <div class="col-lg-5 product-detail-buy">
                  <div class="product-detail-manufacturer"><a href="#" class="product-detail-manufacturer-link">{Html.Encode(listing.Brand)}</a></div>
                  <h1 class="product-detail-name">{Html.Encode(Title(listing))}</h1>
                  <div class="badge badge-cpo">Certified Pre-Owned</div>
                  <div class="product-detail-price-container"><p class="product-detail-price">{ShopwareMarkup.Price(listing)}</p></div>
                  <div class="product-detail-ordernumber-container"><span class="product-detail-ordernumber-label">Artikelnummer:</span> <span class="product-detail-ordernumber">{ProductNumberBase + listing.Id}</span></div>
                </div>
              </div>
              <div class="product-detail-tabs">
                <div class="product-detail-description tab-pane">
                  <div class="product-detail-description-text" itemprop="description">{Html.Encode(description)}</div>
                  {properties}
                </div>
              </div>
            </div></div>
            """;
        var head = ShopwareMarkup.JsonLd(listing, Title(listing), url, image, description, (ProductNumberBase + listing.Id).ToString(CultureInfo.InvariantCulture));
        return new RenderedPage(Html.Page("de-DE", Title(listing) + " | Rüschenbeck", body, head), RenderedPage.HtmlType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        // Sold cards are skipped: the adapter restores the sold check the redesign fix lost (docs/python-monitor.md, defect 14).
        return listing.Sold ? null : new(listing.Id, address.Absolute(DetailPath(listing)), Title(listing), listing.Price, Currency);
    }

    public override ExpectedDetails ExpectDetails(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new() { Reference = listing.Reference };
    }

    // A reduced price keeps the former one beside it, struck out, inside the same element:
    // <span class="product-price with-list-price">9.950,00 €* <span class="list-price">…10.900,00 €*</span></span>.
    private static string CardPrice(FakeListing listing) =>
        listing is { Sold: false, Price: { } price, ListPrice: { } former }
            ? $"""<span class="product-price with-list-price">{PriceFormats.GermanEuroCents(price)}* <span class="list-price"><span class="list-price-price">{PriceFormats.GermanEuroCents(former)}*</span></span></span>"""
            : $"""<span class="product-price">{ShopwareMarkup.Price(listing)}</span>""";

    // Shopware 6 pagination: links carry ?p=N; the current page is li.active, unreachable neighbours li.disabled.
    private static string Pagination(SiteAddress address, int page, int pages)
    {
        var listing = address.Path("vintage-certified-pre-owned");
        var builder = new StringBuilder("""<nav aria-label="pagination" class="pagination-nav"><ul class="pagination">""");
        void Item(string css, int target, string label, bool disabled, bool active = false) =>
            builder.Append($"""<li class="page-item {css}{(disabled ? " disabled" : "")}{(active ? " active" : "")}"><a href="{listing}?p={target}" class="page-link" data-page="{target}" aria-label="{label}">{label}</a></li>""");

        Item("page-first", 1, "«", page <= 1);
        Item("page-prev", Math.Max(1, page - 1), "‹", page <= 1);
        for (var number = 1; number <= pages; number++)
        {
            Item("", number, number.ToString(CultureInfo.InvariantCulture), disabled: false, active: number == page);
        }

        Item("page-next", Math.Min(pages, page + 1), "›", page >= pages);
        Item("page-last", pages, "»", page >= pages);
        return builder.Append("</ul></nav>").ToString();
    }
}
