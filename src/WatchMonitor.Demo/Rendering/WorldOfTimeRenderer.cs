using System.Text;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>worldoftime.de: a Bootstrap grid of <c>div.watch-link</c> cards with inline-styled text lines.</summary>
public sealed class WorldOfTimeRenderer : SiteRenderer
{
    public override string Key => "worldoftime";

    public override string ListingPath => "Watches/NewArrivals";

    public override string DetailPath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"Watches/Details/{listing.Slug}-{listing.Id}";
    }

    protected override int? DetailId(string path) => TrailingId(path, "Watches/Details/");

    public override RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(address);
        var cards = new StringBuilder();
        foreach (var listing in listings)
        {
            var title = Html.Encode($"{listing.Brand} {listing.Model}");
            cards.Append($"""
                <div class="col-6 col-md-4 col-xl-3 mb-4 watch-link d-flex flex-column">
                  <div class="image square-container"><a href="{address.Path(DetailPath(listing))}"><img src="{address.Path(ImagePath(listing))}" alt="{title}" class="img-fluid"></a></div>
                  <div class="text-truncate mt-2" style="font-size: 17px; font-family: 'AB';">{title}</div>
                  <div class="text-truncate" style="font-size: 16px; font-family: 'AR';">Ref. {Html.Encode(listing.Reference)}</div>
                  <p class="m-0 truncate-two-lines">{Html.Encode(Description(listing))}</p>
                  <div class="pt-4 mt-auto"><p class="m-0">{(listing.Sold ? "Sold" : listing.Price is { } price ? PriceFormats.GermanEuro(price) : "Price on request")}</p></div>
                </div>

                """);
        }

        var body = $"""
            <div class="container">
              <h1 class="page-title">New Arrivals</h1>
              <div class="paged-clocks-container row">
            {cards}  </div>
            </div>
            """;
        return new RenderedPage(Html.Page("en", "New Arrivals | World of Time", body), RenderedPage.HtmlType);
    }

    public override RenderedPage RenderDetail(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(address);
        var body = $"""
            <div class="container watch-details row">
              <div class="col-md-6 watchDetailsLeft"><img src="{address.Path(ImagePath(listing))}" alt="" class="img-fluid"></div>
              <div class="col-md-6 watchDetailsRight">
                <h1>{Html.Encode($"{listing.Brand} {listing.Model}")}</h1>
                <p class="price">{(listing.Sold ? "Sold" : listing.Price is { } price ? PriceFormats.GermanEuro(price) : "Price on request")}</p>
                <table class="table">
                  <tr><td>Reference No.</td><td>{Html.Encode(listing.Reference)}</td></tr>
                  <tr><td>Year</td><td>{Text(listing.Year)}</td></tr>
                  <tr><td>Condition</td><td>{ListingTexts.ConditionEnglish(listing.Condition)}</td></tr>
                  <tr><td>Case Material</td><td>{ListingTexts.MaterialEnglish(listing.CaseMaterial)}</td></tr>
                  <tr><td>Diameter</td><td>{ListingTexts.Diameter(listing.DiameterMm, german: false)}</td></tr>
                  <tr><td>Scope of delivery</td><td>{ListingTexts.BoxPapersEnglish(listing.BoxPapers)}</td></tr>
                </table>
              </div>
            </div>
            """;
        return new RenderedPage(Html.Page("en", $"{listing.Brand} {listing.Model} | World of Time", body), RenderedPage.HtmlType);
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
        return new() { Reference = listing.Reference, Year = Text(listing.Year) };
    }

    // "Steel case, 40 mm, year 2015, Box and papers, Excellent": the card's characteristics line.
    private static string Description(FakeListing listing) =>
        string.Join(", ", new[]
        {
            ListingTexts.MaterialEnglish(listing.CaseMaterial) + " case",
            ListingTexts.Diameter(listing.DiameterMm, german: false),
            listing.Year is { } year ? $"year {Text(year)}" : "",
            ListingTexts.BoxPapersEnglish(listing.BoxPapers),
            ListingTexts.ConditionEnglish(listing.Condition),
        }.Where(part => part.Length > 0));
}
