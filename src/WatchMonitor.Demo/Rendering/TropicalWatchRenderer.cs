using System.Text;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>tropicalwatch.com: an English vintage dealer, prices in USD, titles led by the year.</summary>
public sealed class TropicalWatchRenderer : SiteRenderer
{
    public override string Key => "tropicalwatch";

    public override string ListingPath => "";

    public override string Currency => "USD";

    public override string DetailPath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"watches/{Slugs.Of(Title(listing))}-{listing.Id}";
    }

    protected override int? DetailId(string path) => TrailingId(path, "watches/");

    /// <summary>"1968 Rolex GMT-Master 1675".</summary>
    public static string Title(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return string.Join(' ', new[] { Text(listing.Year), listing.Brand, listing.Model, listing.Reference }.Where(part => part.Length > 0));
    }

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var items = new StringBuilder();
        foreach (var listing in listings)
        {
            var href = address.Path(DetailPath(listing));
            items.Append($"""
                <li class="watch">
                  <div class="photo-wrapper"><a href="{href}"><img src="{address.Path(ImagePath(listing))}" alt="{Html.Encode(Title(listing))}"></a></div>
                  <div class="content"><a href="{href}"><h2>{Html.Encode(Title(listing))}</h2><h3>{PriceText(listing)}</h3></a></div>
                </li>

                """);
        }

        var body = $"""
            <section class="recent-watches">
              <h1>Recently Added</h1>
              <ul class="watches">
            {items}  </ul>
            </section>
            """;
        return new RenderedPage(Html.Page("en", "Tropical Watch | Vintage Watches", body), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        var material = listing.CaseMaterial == CaseMaterial.Steel ? "Stainless Steel" : "18k " + ListingTexts.MaterialEnglish(listing.CaseMaterial);
        var body = $"""
            <article class="watch-main">
              <h1 class="watch-main-title">{Html.Encode(Title(listing))}</h1>
              <div class="watch-main-price">{PriceText(listing)}</div>
              <div class="watch-main-photos"><img src="{address.Path(ImagePath(listing))}" alt=""></div>
              <div class="watch-main-details-content">
                <table class="watch-main-details-table">
                  <tr><th>Year:</th><td>{Text(listing.Year)}</td></tr>
                  <tr><th>Brand:</th><td>{Html.Encode(listing.Brand)}</td></tr>
                  <tr><th>Model:</th><td>{Html.Encode(listing.Model)}</td></tr>
                  <tr><th>Reference:</th><td>{Html.Encode(listing.Reference)}</td></tr>
                  <tr><th>Case Material:</th><td>{material}</td></tr>
                  <tr><th>Diameter:</th><td>{ListingTexts.Diameter(listing.DiameterMm, german: false, space: false)}</td></tr>
                </table>
              </div>
              <div class="watch-main-description">
                <p><strong>Case:</strong> Original finish with sharp bevels.</p>
                <p><strong>Dial:</strong> Original dial with even patina.</p>
                <p><strong>Movement:</strong> Serviced, running well.</p>
                <p><strong>Condition:</strong> {ListingTexts.ConditionEnglish(listing.Condition)}.</p>
                <p><strong>Accessories:</strong> {ListingTexts.BoxPapersEnglish(listing.BoxPapers)}</p>
                <p><strong>Shipping:</strong> Free insured shipping worldwide.</p>
              </div>
            </article>
            """;
        return new RenderedPage(Html.Page("en", Title(listing) + " | Tropical Watch", body), RenderedPage.HtmlType);
    }

    public override ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        // Sold and price-on-request listings have no price and are skipped entirely (docs/dealers.md#tropicalwatch).
        return listing.Sold || listing.Price is null
            ? null
            : new(listing.Id, address.Absolute(DetailPath(listing)), Title(listing), decimal.Round(listing.Price.Value, 0, MidpointRounding.ToEven), Currency);
    }

    public override ExpectedDetails ExpectDetails(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new()
        {
            Title = Title(listing),
            Brand = listing.Brand,
            Model = listing.Model,
            Reference = listing.Reference,
            Year = Text(listing.Year),
            Diameter = ListingTexts.Diameter(listing.DiameterMm, german: false, space: false),
        };
    }

    private static string PriceText(FakeListing listing) =>
        listing.Sold ? "SOLD" : listing.Price is { } price ? PriceFormats.UsDollar(price) : "Price on Request";
}
