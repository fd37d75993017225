using System.Globalization;
using System.Text;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>juwelier-exchange.de: a Shopware 6 shop; the listing card carries no title, the detail page a JSON-LD product.</summary>
public sealed class JuwelierExchangeRenderer : SiteRenderer
{
    // Shopware's product numbers ("SW10017") start well above the ids.
    private const int ProductNumberBase = 10_000;

    public override string Key => "juwelier_exchange";

    public override string ListingPath => "uhren";

    public override string DetailPath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"{Slugs.Of(listing.Brand + " " + listing.Model)}/sw{ProductNumberBase + listing.Id}";
    }

    protected override int? DetailId(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash > 0
            && path.AsSpan(slash + 1).StartsWith("sw", StringComparison.Ordinal)
            && int.TryParse(path.AsSpan(slash + 3), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > ProductNumberBase
            && !path[..slash].Contains('/', StringComparison.Ordinal)
            ? number - ProductNumberBase
            : null;
    }

    /// <summary>"Rolex Submariner Date 116610LN": the product name of the detail page.</summary>
    public static string ProductName(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"{listing.Brand} {listing.Model} {listing.Reference}";
    }

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var cards = new StringBuilder();
        foreach (var listing in listings)
        {
            var url = address.Absolute(DetailPath(listing));
            var image = address.Absolute($"media/{Path.GetFileNameWithoutExtension(listing.Image)}");
            var information = Html.Encode($$"""{"id":"{{listing.Id:x32}}","name":{{ShopwareMarkup.Json(ProductName(listing))}}}""");
            cards.Append($"""
                <div class="cms-listing-col col-sm-6 col-lg-4 col-xl-3">
                  <div class="card product-box box-standard" data-product-information="{information}">
                    <div class="card-body">
                      <div class="product-image-wrapper">
                        <a href="{url}" title="{Html.Encode(ProductName(listing))}" class="product-image-link is-standard">
                          <img src="{image}-400x400.webp" srcset="{ShopwareMarkup.SrcSet(image)}" sizes="(min-width: 1200px) 284px, 50vw" class="product-image is-standard" alt="{Html.Encode(ProductName(listing))}" loading="lazy">
                        </a>
                      </div>
                      <div class="product-info">
                        <a href="{url}" class="card-body-link product-name" title="{Html.Encode(ProductName(listing))}">{Html.Encode(ProductName(listing))}</a>
                        <div class="product-price-info"><p class="product-price-unit"></p><div class="product-price-wrapper"><span class="product-price">{ShopwareMarkup.Price(listing)}</span></div></div>
                      </div>
                    </div>
                  </div>
                </div>

                """);
        }

        var body = $"""
            <div class="cms-section"><div class="cms-element-product-listing-wrapper">
              <div class="cms-element-product-listing">
                <div class="row cms-listing-row js-listing-wrapper">
            {cards}    </div>
              </div>
            </div></div>
            """;
        return new RenderedPage(Html.Page("de-DE", "Uhren | Juwelier Exchange", body), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        var url = address.Absolute(DetailPath(listing));
        var image = address.Absolute(ImagePath(listing));
        var description = Description(listing);
        var productNumber = ProductNumber(listing);
        var properties = ShopwareMarkup.PropertiesTable(
        [
            ("Artikelnummer", productNumber),
            ("Marke", listing.Brand),
            ("Zustand", ListingTexts.ConditionGerman(listing.Condition)),
            ("Art der Legierung", ListingTexts.MaterialGerman(listing.CaseMaterial)),
        ]);
        var body = $"""
            <div class="cms-page"><div class="product-detail">
              <div class="row product-detail-main">
                <div class="col-lg-7 product-detail-media"><img src="{image}" alt="" class="img-fluid"></div>
                <div class="col-lg-5 product-detail-buy">
                  <div class="product-detail-manufacturer"><a href="#" class="product-detail-manufacturer-link">{Html.Encode(listing.Brand)}</a></div>
                  <h1 class="product-detail-name">{Html.Encode(ProductName(listing))}</h1>
                  <div class="product-detail-price-container"><p class="product-detail-price">{ShopwareMarkup.Price(listing)}</p></div>
                  <div class="product-detail-ordernumber-container"><span class="product-detail-ordernumber-label">Produktnummer:</span> <span class="product-detail-ordernumber">{productNumber}</span></div>
                </div>
              </div>
              <div class="product-detail-tabs">
                <div class="product-detail-description tab-pane" id="description-tab-pane">
                  <div class="product-detail-description-text" itemprop="description">{Html.Encode(description)}</div>
                  {properties}
                </div>
              </div>
            </div></div>
            """;
        var head = ShopwareMarkup.JsonLd(listing, ProductName(listing), url, image, description, productNumber);
        return new RenderedPage(Html.Page("de-DE", ProductName(listing) + " | Juwelier Exchange", body, head), RenderedPage.HtmlType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        return new(listing.Id, address.Absolute(DetailPath(listing)), "Unknown Watch", listing.Sold ? null : listing.Price, Currency);
    }

    public override ExpectedDetails ExpectDetails(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new()
        {
            Title = ProductName(listing),
            Brand = listing.Brand,
            Year = Text(listing.Year),
            CaseMaterial = ListingTexts.MaterialGerman(listing.CaseMaterial),
            Diameter = listing.DiameterMm is { } mm ? mm.ToString("0.##", CultureInfo.InvariantCulture) + " mm" : null,
        };
    }

    private static string ProductNumber(FakeListing listing) => $"SW{ProductNumberBase + listing.Id}";

    // "Rolex Submariner Date, Referenz 116610LN, aus dem Jahr 2015. Gehäuse aus Edelstahl, Durchmesser 40 mm. …"
    private static string Description(FakeListing listing) =>
        $"{listing.Brand} {listing.Model}, Referenz {listing.Reference}"
        + (listing.Year is { } year ? $", aus dem Jahr {Text(year)}" : "")
        + $". Gehäuse aus {ListingTexts.MaterialGerman(listing.CaseMaterial)}"
        + (listing.DiameterMm is null ? "" : $", Durchmesser {ListingTexts.Diameter(listing.DiameterMm, german: true)}")
        + $". Zustand: {ListingTexts.ConditionGerman(listing.Condition)}. Lieferumfang: {ListingTexts.BoxPapersGerman(listing.BoxPapers)}.";
}
