using System.Text;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;

namespace WatchMonitor.FakeSites.Rendering.Platforms;

/// <summary>A hand-made shop on no platform: tiles of its own markup, read through the selectors in <see cref="Selectors"/>.</summary>
public sealed class SelectorsShopRenderer : PlatformShopRenderer
{
    public override string Key => "selectors_shop";

    public override string Platform => "selectors";

    public override string Name => "Uhrenhaus am Markt";

    public override string ListingPath => "neu";

    public override IReadOnlyDictionary<string, string> Selectors { get; } = new Dictionary<string, string>
    {
        ["Card"] = "article.watch-tile",
        ["Link"] = "a.watch-tile__link",
        ["Title"] = ".watch-tile__name",
        ["Price"] = ".watch-tile__price",
        ["Image"] = "img.watch-tile__img",
        ["Sold"] = ".watch-tile__sold",
        ["Detail:Reference"] = "dd.facts__ref",
        ["Detail:Year"] = "dd.facts__year",
        ["Detail:Condition"] = "dd.facts__condition",
        ["Detail:CaseMaterial"] = "dd.facts__case",
        ["Detail:Diameter"] = "dd.facts__size",
        ["Detail:Description"] = ".watch-detail__text",
    };

    public override string DetailPath(FakeListing listing) => "uhren/" + Handle(listing) + ".html";

    protected override int? DetailId(string path) => TrailingId(path, "uhren/", ".html");

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var tiles = new StringBuilder();
        foreach (var listing in listings)
        {
            var image = HasImage(listing)
                ? $"""<img class="watch-tile__img lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="{address.Path(ImagePath(listing))}" alt="">"""
                : "";
            var price = listing.Price is not { } current ? "Preis auf Anfrage"
                : listing.ListPrice is { } list ? $"<del>{PriceFormats.GermanEuro(list)}</del> {PriceFormats.GermanEuro(current)}"
                : PriceFormats.GermanEuro(current);
            tiles.Append($"""
                <article class="watch-tile">
                  {(listing.Sold ? """<span class="watch-tile__sold">Verkauft</span>""" : "")}
                  <a class="watch-tile__link" href="{address.Path(DetailPath(listing))}">{image}<h3 class="watch-tile__name">{Html.Encode(ProductName(listing))}</h3></a>
                  <div class="watch-tile__price">{price}</div>
                </article>

                """);
        }

        var body = $"""<section class="watch-grid"><h1>Neu eingetroffen</h1>{tiles}<article class="watch-tile"><h3 class="watch-tile__name">Ankauf: wir kaufen Ihre Uhr</h3></article></section>""";
        return new RenderedPage(Html.Page("de", "Neue Uhren – " + Name, body), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var facts = new StringBuilder();
        foreach (var (label, value) in Specification(listing))
        {
            var css = label switch
            {
                "Referenz" => "facts__ref",
                "Baujahr" => "facts__year",
                "Gehäusematerial" => "facts__case",
                "Durchmesser" => "facts__size",
                "Zustand" => "facts__condition",
                _ => "facts__other",
            };
            facts.Append($"""<dt>{label}</dt><dd class="{css}">{Html.Encode(value)}</dd>""");
        }

        var body = $"""
            <div class="watch-detail">
              <h1>{Html.Encode(ProductName(listing))}</h1>
              <dl class="facts">{facts}</dl>
              <div class="watch-detail__text"><p>Lieferumfang: {ListingTexts.BoxPapersGerman(listing.BoxPapers)}.</p></div>
            </div>
            """;
        return new RenderedPage(Html.Page("de", ProductName(listing) + " – " + Name, body), RenderedPage.HtmlType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        return listing.Sold ? null : new(listing.Id, address.Absolute(DetailPath(listing)), ProductName(listing), listing.Price, Currency);
    }
}
