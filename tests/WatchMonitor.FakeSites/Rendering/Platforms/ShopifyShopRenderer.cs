using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;

namespace WatchMonitor.FakeSites.Rendering.Platforms;

/// <summary>A Shopify shop: a collection page and its public <c>products.json</c>; some products name the shop as vendor.</summary>
public sealed class ShopifyShopRenderer : PlatformShopRenderer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Key => "shopify_shop";

    public override string Platform => "shopify";

    public override string Name => "Zeitwerk Boutique";

    public override string ListingPath => "collections/new-arrivals";

    public override string ProductsJsonPath => "collections/new-arrivals/products.json?limit=250";

    public override string DetailPath(FakeListing listing) => "products/" + Handle(listing);

    protected override int? DetailId(string path) => TrailingId(path, "products/");

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var cards = string.Concat(listings.Select(listing =>
            $"""<div class="grid__item"><a href="{address.Path(DetailPath(listing))}" class="card__heading">{Html.Encode(ProductName(listing))}</a></div>""" + "\n"));
        return new RenderedPage(Html.Page("de", "New Arrivals – " + Name, $"<div class=\"collection\">{cards}</div>"), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var body = $"""<div class="product"><h1>{Html.Encode(ProductName(listing))}</h1><div class="product__description rte">{Description(listing)}</div></div>""";
        return new RenderedPage(Html.Page("de", ProductName(listing), body), RenderedPage.HtmlType);
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
                json.WriteStartObject();
                json.WriteNumber("id", 9_000_000_000 + listing.Id);
                json.WriteString("title", ProductName(listing));
                json.WriteString("handle", Handle(listing));
                json.WriteString("body_html", Description(listing));
                // Every third product is filed under the shop itself, as small shops do.
                json.WriteString("vendor", listing.Id % 3 == 0 ? Name : listing.Brand);
                json.WriteString("product_type", "Uhr");
                json.WriteStartArray("variants");
                json.WriteStartObject();
                json.WriteNumber("id", 9_100_000_000 + listing.Id);
                json.WriteString("title", "Default Title");
                json.WriteString("sku", "ZB-" + listing.Id);
                json.WriteBoolean("available", !listing.Sold);
                json.WriteString("price", PriceFormats.Plain(listing.Price ?? 0m));
                if (listing.ListPrice is { } list)
                {
                    json.WriteString("compare_at_price", PriceFormats.Plain(list));
                }
                else
                {
                    json.WriteNull("compare_at_price");
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartArray("images");
                if (HasImage(listing))
                {
                    json.WriteStartObject();
                    json.WriteString("src", ImageUrl(listing, address));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new RenderedPage(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), RenderedPage.JsonType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        return listing.Sold ? null : new(listing.Id, address.Root + "/products/" + Handle(listing), ProductName(listing), listing.Price, Currency);
    }

    private static string Description(FakeListing listing) =>
        "<ul>" + string.Concat(Specification(listing).Select(row => $"<li><strong>{row.Label}:</strong> {Html.Encode(row.Value)}</li>")) + "</ul>";
}
