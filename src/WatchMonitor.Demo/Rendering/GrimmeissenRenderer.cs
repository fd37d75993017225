using System.Text;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>grimmeissen.de: <c>article.watch</c> cards with lazy-loaded images and a brand link inside the heading.</summary>
public sealed class GrimmeissenRenderer : SiteRenderer
{
    // A 1×1 transparent GIF: the lazy loader swaps in data-src, so src never holds the picture.
    private const string Placeholder = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

    private static readonly string[] Stars = ["★★★★★", "★★★★☆", "★★★☆☆", "★★☆☆☆", "★☆☆☆☆", "☆☆☆☆☆"];

    public override string Key => "grimmeissen";

    public override string ListingPath => "de/uhren";

    public override string DetailPath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"de/uhren/{listing.Slug}-{listing.Id}";
    }

    protected override int? DetailId(string path) => TrailingId(path, "de/uhren/");

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var articles = new StringBuilder();
        foreach (var listing in listings)
        {
            articles.Append($"""
                <article class="watch{(listing.Sold ? " sold" : "")}">
                  <figure><a href="{address.Path(DetailPath(listing))}"><img class="lazy" src="{Placeholder}" data-src="{address.Path(ImagePath(listing))}" alt="{Html.Encode(listing.Brand)} {Html.Encode(listing.Model)}"></a></figure>
                  <section class="fh">
                    <h1>{Heading(listing, address)}</h1>
                    <p>{PriceText(listing)}</p>
                  </section>
                </article>

                """);
        }

        var body = $"""
            <section class="watches">
              <h2 class="section-title">Uhren</h2>
              <div class="grid">
            {articles}  </div>
            </section>
            """;
        return new RenderedPage(Html.Page("de", "Uhren | Grimmeissen", body), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        var body = $"""
            <div class="row detail">
              <div class="c-5 gallery"><img src="{address.Path(ImagePath(listing))}" alt=""></div>
              <div class="c-7 do-lefty">
                <h1 class="lowpad-b">{Heading(listing, address)}</h1>
                <p>{PriceText(listing)}</p>
                <table>
                  <tr><th>Referenz:</th><td>{Html.Encode(listing.Reference)}</td></tr>
                  <tr><th>Jahr:</th><td>{Text(listing.Year)}</td></tr>
                  <tr><th>Zustand:</th><td>{(int)listing.Condition}</td></tr>
                  <tr><th>Gehäuse:</th><td>{ListingTexts.MaterialGerman(listing.CaseMaterial)}</td></tr>
                  <tr><th>Durchmesser:</th><td>{ListingTexts.Diameter(listing.DiameterMm, german: true)}</td></tr>
                </table>
                <h3>Details</h3>
                <table>
                  <tr><th>Lieferumfang:</th><td>{ListingTexts.BoxPapersGerman(listing.BoxPapers)}</td></tr>
                  <tr><th>Uhrwerk:</th><td>Automatik</td></tr>
                </table>
                <p class="contact"><a href="mailto:info@example.invalid">Anfrage senden</a></p>
              </div>
            </div>
            """;
        return new RenderedPage(Html.Page("de", $"{listing.Brand} {listing.Model} | Grimmeissen", body), RenderedPage.HtmlType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        return new(listing.Id, address.Absolute(DetailPath(listing)), $"{listing.Brand} {listing.Model}", listing.Sold ? null : listing.Price, Currency);
    }

    public override ExpectedDetails ExpectDetails(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new()
        {
            Title = $"{listing.Brand} {listing.Model}",
            Brand = listing.Brand,
            Model = listing.Model,
            Reference = listing.Reference,
            Year = Text(listing.Year),
            CaseMaterial = ListingTexts.MaterialGerman(listing.CaseMaterial),
            Diameter = ListingTexts.Diameter(listing.DiameterMm, german: true),
            Condition = Stars[(int)listing.Condition],
        };
    }

    // <span><a href="/de/marken/rolex">Rolex</a></span> Submariner Date
    private static string Heading(FakeListing listing, SiteAddress address) =>
        $"""<span><a href="{address.Path("de/marken/" + Slugs.Of(listing.Brand))}">{Html.Encode(listing.Brand)}</a></span> {Html.Encode(listing.Model)}""";

    private static string PriceText(FakeListing listing) =>
        listing.Sold ? "Verkauft" : listing.Price is { } price ? PriceFormats.GermanEuro(price) : "Preis auf Anfrage";
}
