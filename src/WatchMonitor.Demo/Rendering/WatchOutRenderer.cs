using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>
/// watch-out.shop: a Shopify store (Impact theme). The monitor reads the collection's <c>products.json</c>; the
/// HTML collection page with <c>product-card</c> elements and the analytics meta object is its fallback.
/// </summary>
public sealed class WatchOutRenderer : SiteRenderer
{
    // Shopify ids are large numbers; these keep the fake's recognisably fake.
    private const long ProductIdBase = 7_000_000_000_000;
    private const long VariantIdBase = 42_000_000_000_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(1));

    public override string Key => "watch_out";

    public override string ListingPath => "collections/neu-eingetroffen";

    public override string ListingQuery => "?sort_by=created-descending";

    public override string ProductsJsonPath => "collections/neu-eingetroffen/products.json?limit=250";

    public override string DetailPath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return "products/" + Handle(listing);
    }

    protected override int? DetailId(string path) => TrailingId(path, "products/");

    /// <summary>"rolex-submariner-date-116610ln-17".</summary>
    public static string Handle(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"{listing.Slug}-{listing.Id}";
    }

    public static string ProductTitle(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"{listing.Brand} {listing.Model}";
    }

    public override RenderedPage? RenderProductsJson(IReadOnlyList<FakeListing> listings, SiteAddress address, int limit)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("products");
            foreach (var listing in listings.Take(Math.Clamp(limit, 1, 250)))
            {
                WriteProduct(json, listing, address);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new RenderedPage(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), RenderedPage.JsonType);
    }

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var cards = new StringBuilder();
        foreach (var listing in listings)
        {
            var url = address.Path(DetailPath(listing));
            var image = ImageUrl(listing, address);
            var title = Html.Encode(ProductTitle(listing));
            cards.Append($"""
                <product-card class="product-card" handle="{Handle(listing)}" reveal-on-scroll="true">
                  <div class="product-card__figure">
                    <div class="product-card__badge-list">{(listing.Sold ? """<span class="badge badge--primary sold-out-badge">Ausverkauft</span>""" : $"""<span class="badge badge--primary">{Html.Encode(listing.Reference)}</span>""")}</div>
                    <a href="{url}" class="product-card__media"><img src="{image}&amp;width=400" srcset="{image}&amp;width=200 200w, {image}&amp;width=400 400w, {image}&amp;width=800 800w" class="product-card__image product-card__image--primary" alt="{title}" loading="lazy"></a>
                  </div>
                  <div class="product-card__info product-card__info--center">
                    <div class="v-stack justify-items-center gap-2">
                      <a href="{address.Path("collections/vendors?q=" + Uri.EscapeDataString(listing.Brand))}" class="text-xs link-faded">{Html.Encode(listing.Brand)}</a>
                      <span class="product-card__title"><a href="{url}" class="bold">{title}</a></span>
                      <price-list class="price-list justify-center"><sale-price class="text-subdued">{(listing.Price is { } price ? PriceFormats.EuroPrefixCents(price) : "Preis auf Anfrage")}</sale-price></price-list>
                    </div>
                  </div>
                </product-card>

                """);
        }

        var body = $"""
            <section class="shopify-section shopify-section--main-collection">
              <h1 class="h2">Neu eingetroffen</h1>
              <product-list class="product-list">
                <div class="product-list__inner product-list__inner--scroller">
            {cards}    </div>
              </product-list>
            </section>
            """;
        return new RenderedPage(Html.Page("de", "Neu eingetroffen – Watch Out", body, AnalyticsScript(listings, address)), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        var specification = new[]
        {
            ("Herstellungsjahr", Text(listing.Year)),
            ("Referenz", listing.Reference),
            ("Durchmesser", ListingTexts.Diameter(listing.DiameterMm, german: true)),
            ("Gehäusematerial", ListingTexts.MaterialGerman(listing.CaseMaterial)),
            ("Zustand", ListingTexts.ConditionGerman(listing.Condition)),
        };
        var lines = string.Concat(specification.Where(row => row.Item2.Length > 0).Select(row => $"<p>{row.Item1}: {Html.Encode(row.Item2)}</p>"));
        var body = $"""
            <section class="shopify-section shopify-section--main-product">
              <div class="product">
                <div class="product-gallery"><img src="{ImageUrl(listing, address)}&amp;width=1200" alt=""></div>
                <div class="product-info">
                  <div class="product-info__vendor"><a href="#">{Html.Encode(listing.Brand)}</a></div>
                  <h1 class="product-title h3">{Html.Encode(ProductTitle(listing))}</h1>
                  <div class="product-info__price"><sale-price class="h4">{(listing.Price is { } price ? PriceFormats.EuroPrefixCents(price) : "Preis auf Anfrage")}</sale-price></div>
                  {(listing.Sold ? """<p class="product-info__sold-out">Ausverkauft</p>""" : "")}
                </div>
              </div>
            </section>
            <section class="shopify-section">
              <div class="section-stack">
                <div class="section-stack__intro">
                  <div class="metafield-rich_text_field"><div class="prose"><p>{Html.Encode(ProductTitle(listing))} in {ListingTexts.ConditionGerman(listing.Condition).ToLowerInvariant()}. Lieferumfang: {ListingTexts.BoxPapersGerman(listing.BoxPapers)}.</p></div></div>
                </div>
                <div class="section-stack__main">
                  <div class="accordion-box rounded">
                    <collapsible-element class="accordion"><details class="accordion__disclosure" open><summary class="accordion__toggle">Spezifikationen</summary><div id="spec-{listing.Id}" class="accordion__content prose">{lines}</div></details></collapsible-element>
                    <collapsible-element class="accordion"><details class="accordion__disclosure"><summary class="accordion__toggle">Lieferumfang</summary><div id="scope-{listing.Id}" class="accordion__content prose"><p>{ListingTexts.BoxPapersGerman(listing.BoxPapers)}</p></div></details></collapsible-element>
                    <collapsible-element class="accordion"><details class="accordion__disclosure"><summary class="accordion__toggle">Versand</summary><div id="shipping-{listing.Id}" class="accordion__content prose"><p>Versicherter Versand innerhalb von 2 Werktagen.</p></div></details></collapsible-element>
                  </div>
                </div>
              </div>
            </section>
            """;
        return new RenderedPage(Html.Page("de", ProductTitle(listing) + " – Watch Out", body), RenderedPage.HtmlType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        // Unavailable products are skipped in products.json (first variant "available": false) and on the HTML page.
        return listing.Sold ? null : new(listing.Id, address.Root + "/products/" + Handle(listing), ProductTitle(listing), listing.Price, Currency);
    }

    public override ExpectedDetails ExpectDetails(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new()
        {
            Brand = listing.Brand,
            Reference = listing.Reference,
            Year = Text(listing.Year),
            CaseMaterial = ListingTexts.MaterialGerman(listing.CaseMaterial),
            Diameter = ListingTexts.Diameter(listing.DiameterMm, german: false, space: false),
        };
    }

    private static string ImageUrl(FakeListing listing, SiteAddress address) =>
        address.Absolute($"cdn/shop/files/{listing.Image}?v=1767254400");

    private static DateTimeOffset CreatedAt(FakeListing listing) => Epoch.AddMinutes(listing.Id * 17);

    private static void WriteProduct(Utf8JsonWriter json, FakeListing listing, SiteAddress address)
    {
        var created = CreatedAt(listing).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteNumber("id", ProductIdBase + listing.Id);
        json.WriteString("title", ProductTitle(listing));
        json.WriteString("handle", Handle(listing));
        json.WriteString("body_html", $"<p>{Html.Encode(ProductTitle(listing))}, Referenz {Html.Encode(listing.Reference)}.</p>");
        json.WriteString("published_at", created);
        json.WriteString("created_at", created);
        json.WriteString("updated_at", created);
        json.WriteString("vendor", listing.Brand);
        json.WriteString("product_type", "Armbanduhr");
        json.WriteStartArray("tags");
        json.WriteStringValue(listing.Brand);
        json.WriteStringValue("Neu eingetroffen");
        json.WriteEndArray();
        json.WriteStartArray("variants");
        json.WriteStartObject();
        json.WriteNumber("id", VariantIdBase + listing.Id);
        json.WriteString("title", "Default Title");
        json.WriteString("option1", "Default Title");
        json.WriteNull("option2");
        json.WriteNull("option3");
        json.WriteString("sku", listing.Reference);
        json.WriteBoolean("requires_shipping", true);
        json.WriteBoolean("taxable", true);
        json.WriteNull("featured_image");
        json.WriteBoolean("available", !listing.Sold);
        json.WriteString("price", PriceFormats.Plain(listing.Price ?? 0m));
        json.WriteNumber("grams", 0);
        json.WriteNull("compare_at_price");
        json.WriteNumber("position", 1);
        json.WriteNumber("product_id", ProductIdBase + listing.Id);
        json.WriteString("created_at", created);
        json.WriteString("updated_at", created);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("images");
        json.WriteStartObject();
        json.WriteNumber("id", ProductIdBase + 500_000 + listing.Id);
        json.WriteString("created_at", created);
        json.WriteNumber("position", 1);
        json.WriteString("updated_at", created);
        json.WriteNumber("product_id", ProductIdBase + listing.Id);
        json.WriteStartArray("variant_ids");
        json.WriteEndArray();
        json.WriteString("src", ImageUrl(listing, address));
        json.WriteNumber("width", 1200);
        json.WriteNumber("height", 1200);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("options");
        json.WriteStartObject();
        json.WriteString("name", "Title");
        json.WriteNumber("position", 1);
        json.WriteStartArray("values");
        json.WriteStringValue("Default Title");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // window.ShopifyAnalytics.meta: the collection's products with prices in cents, as Shopify's storefront emits it.
    private static string AnalyticsScript(IReadOnlyList<FakeListing> listings, SiteAddress address)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("products");
            foreach (var listing in listings)
            {
                var url = address.Path("products/" + Handle(listing));
                json.WriteStartObject();
                json.WriteNumber("id", ProductIdBase + listing.Id);
                json.WriteString("gid", $"gid://shopify/Product/{ProductIdBase + listing.Id}");
                json.WriteString("vendor", listing.Brand);
                json.WriteString("type", "Armbanduhr");
                json.WriteString("handle", Handle(listing));
                json.WriteString("url", url);
                json.WriteStartArray("variants");
                json.WriteStartObject();
                json.WriteNumber("id", VariantIdBase + listing.Id);
                json.WriteNumber("price", PriceFormats.Cents(listing.Price ?? 0m));
                json.WriteString("name", ProductTitle(listing));
                json.WriteNull("public_title");
                json.WriteString("sku", listing.Reference);
                json.WriteStartObject("product");
                json.WriteString("title", ProductTitle(listing));
                json.WriteString("untranslatedTitle", ProductTitle(listing));
                json.WriteString("vendor", listing.Brand);
                json.WriteString("url", url);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteBoolean("remote", false);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("page");
            json.WriteString("pageType", "collection");
            json.WriteString("resourceType", "collection");
            json.WriteNumber("resourceId", 612_345_678_901);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var meta = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Replace("</", "<\\/", StringComparison.Ordinal);
        return $$"""
            <script>window.ShopifyAnalytics = window.ShopifyAnalytics || {};
            window.ShopifyAnalytics.meta = window.ShopifyAnalytics.meta || {};
            window.ShopifyAnalytics.meta.currency = 'EUR';
            var meta = {{meta}};
            for (var attr in meta) {
              window.ShopifyAnalytics.meta[attr] = meta[attr];
            }</script>
            """;
    }
}
