using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;

namespace WatchMonitor.FakeSites.Rendering.Platforms;

/// <summary>A WooCommerce shop: a shop page and the Store API's product list with prices in cents and attributes.</summary>
public sealed class WooCommerceShopRenderer : PlatformShopRenderer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Key => "woo_shop";

    public override string Platform => "woocommerce";

    public override string Name => "Uhren-Atelier";

    public override string ListingPath => "shop";

    public override string ProductsJsonPath => "wp-json/wc/store/v1/products?orderby=date&order=desc&per_page=100";

    // WordPress permalinks end in a slash.
    public override string DetailPath(FakeListing listing) => "produkt/" + Handle(listing) + "/";

    protected override int? DetailId(string path) => TrailingId(path.TrimEnd('/'), "produkt/");

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var items = string.Concat(listings.Select(listing =>
            $"""<li class="product"><a href="{address.Path(DetailPath(listing))}" class="woocommerce-LoopProduct-link"><h2 class="woocommerce-loop-product__title">{Html.Encode(ProductName(listing))}</h2></a></li>""" + "\n"));
        return new RenderedPage(Html.Page("de-DE", "Shop – " + Name, $"<ul class=\"products columns-4\">{items}</ul>"), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var body = $"""<div class="product"><h1 class="product_title">{Html.Encode(ProductName(listing))}</h1><div class="woocommerce-product-details__short-description">{Description(listing)}</div></div>""";
        return new RenderedPage(Html.Page("de-DE", ProductName(listing), body), RenderedPage.HtmlType);
    }

    /// <summary>The Store API answers with at most 100 products, newest first; <paramref name="limit"/> is Shopify's and ignored.</summary>
    public override RenderedPage? RenderProductsJson(IReadOnlyList<FakeListing> listings, SiteAddress address, int limit)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var listing in listings.Take(100))
            {
                json.WriteStartObject();
                json.WriteNumber("id", 5_000 + listing.Id);
                json.WriteString("name", Html.Encode(ProductName(listing)));
                json.WriteString("slug", Handle(listing));
                json.WriteString("permalink", address.Absolute(DetailPath(listing)));
                json.WriteString("sku", "UA-" + listing.Id.ToString(CultureInfo.InvariantCulture));
                json.WriteString("short_description", "");
                json.WriteString("description", Description(listing));
                json.WriteBoolean("on_sale", listing.ListPrice is not null);
                json.WriteStartObject("prices");
                var cents = listing.Price is { } price ? PriceFormats.Cents(price).ToString(CultureInfo.InvariantCulture) : "";
                json.WriteString("price", cents);
                json.WriteString("regular_price", listing.ListPrice is { } list ? PriceFormats.Cents(list).ToString(CultureInfo.InvariantCulture) : cents);
                json.WriteString("sale_price", cents);
                json.WriteString("currency_code", "EUR");
                json.WriteString("currency_symbol", "€");
                json.WriteNumber("currency_minor_unit", 2);
                json.WriteEndObject();
                json.WriteStartArray("images");
                if (HasImage(listing))
                {
                    json.WriteStartObject();
                    json.WriteString("src", ImageUrl(listing, address));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("attributes");
                WriteAttribute(json, "Marke", listing.Brand);
                WriteAttribute(json, "Referenz", listing.Reference);
                json.WriteEndArray();
                json.WriteBoolean("is_purchasable", !listing.Sold);
                json.WriteBoolean("is_in_stock", !listing.Sold);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return new RenderedPage(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), RenderedPage.JsonType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        return listing.Sold ? null : new(listing.Id, address.Absolute(DetailPath(listing)), ProductName(listing), listing.Price, Currency);
    }

    private static void WriteAttribute(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartArray("terms");
        json.WriteStartObject();
        json.WriteString("name", value);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Description(FakeListing listing) =>
        string.Concat(Specification(listing).Where(row => row.Label != "Referenz").Select(row => $"<p>{row.Label}: {Html.Encode(row.Value)}</p>"));
}
