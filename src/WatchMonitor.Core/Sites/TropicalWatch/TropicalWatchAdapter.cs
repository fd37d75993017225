using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.TropicalWatch;

/// <summary>Tropical Watch: USD prices, a spec table and a described condition (docs/dealers.md#tropicalwatch).</summary>
public sealed class TropicalWatchAdapter : SiteAdapter
{
    // <li class="watch"><div class="photo-wrapper">…</div><div class="content">…</div></li>
    private static readonly ISelector Card = CssSelector.Parse("li.watch");

    // <div class="photo-wrapper"><a href="/watches/1968-rolex-gmt-master-1675"><img src="…"></a></div>
    private static readonly ISelector PhotoLink = CssSelector.Parse("div.photo-wrapper a");

    // <img src="https://cdn.tropicalwatch.com/…/small.jpg"> inside the photo link
    private static readonly ISelector PhotoImage = CssSelector.Parse("div.photo-wrapper a img");

    // <div class="content"><a href="…"><h2>1968 Rolex GMT-Master 1675</h2><h3>$10,200</h3></a></div>
    private static readonly ISelector CardTitle = CssSelector.Parse("div.content a h2");

    // <div class="content"><a href="…">…<h3>$10,200</h3></a></div>
    private static readonly ISelector CardPrice = CssSelector.Parse("div.content a h3");

    public override SiteDefinition Site => SiteCatalog.TropicalWatch;

    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);

        return ParseCards(pageText, Card, item => ParseItem(item, baseUrl));
    }

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);
        // <h1 class="watch-main-title">1968 Rolex GMT-Master 1675</h1>
        if (ElementText.OrNull(document.QuerySelector("h1.watch-main-title")) is { } title)
        {
            listing.Title = title;
        }

        var specs = TropicalWatchSpecs.Read(document);
        var description = TropicalWatchDescription.Read(document);
        ApplyIdentityDetails(listing, specs);
        ApplyDescription(listing, description);
        listing.CaseMaterial = specs.CaseMaterial ?? TropicalWatchTitleRules.MaterialOf(listing.Title) ?? listing.CaseMaterial;
        listing.Diameter = specs.Diameter
            ?? TropicalWatchTitleRules.DiameterIn(string.Join(' ', [listing.Title, .. description.ConditionParts]))
            ?? listing.Diameter;
    }

    private Listing? ParseItem(IElement item, string baseUrl)
    {
        var href = item.First(PhotoLink)?.GetAttribute("href");
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        var priceText = ElementText.Of(item.First(CardPrice));
        var price = PriceParser.Parse(priceText);
        if (price is not { } amount || amount == 0m)
        {
            // SOLD, on request or empty: the site shows no price, and the Python monitor skipped such listings.
            return null;
        }

        var listing = NewListing(UrlJoiner.Join(baseUrl, href));
        listing.Title = ElementText.OrNull(item.First(CardTitle)) ?? Listing.UnknownTitle;
        listing.Price = amount;
        listing.PriceDisplay = PriceDisplay.Format(amount, listing.Currency);
        listing.ImageUrl = ImageSource(item.First(PhotoImage), baseUrl);
        listing.AssignIdentity(ReferenceInputs(listing, priceText));
        return listing;
    }

    // The Python monitor's digits-and-dots price gives the legacy id; a listing it skipped (no amount) was never
    // recorded, so it gets none.
    private static CompositeIdInputs? ReferenceInputs(Listing listing, string priceText)
    {
        var referencePrice = PriceParser.ParseAsReference(TropicalWatchPrices.DigitsAndDots(priceText));
        return referencePrice is { } amount && amount != 0m
            ? CompositeIdInputs.From(listing) with { Price = amount }
            : null;
    }

    private static string? ImageSource(IElement? image, string baseUrl)
    {
        if (image is null)
        {
            return null;
        }

        // Lazy-loaded cards carry a placeholder in src ("data:image/gif;base64,…") and the photo in data-src.
        var source = image.GetAttribute("src");
        if (string.IsNullOrWhiteSpace(source) || source.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            source = FirstNonEmpty(image.GetAttribute("data-src"), image.GetAttribute("data-lazy-src"), FirstSrcsetUrl(image.GetAttribute("data-srcset")));
        }

        return source is null ? null : UrlJoiner.Join(baseUrl, source.Trim());
    }

    private static string? FirstSrcsetUrl(string? srcset)
    {
        var first = srcset?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first?.Split(' ', 2)[0];
    }

    private static string? FirstNonEmpty(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    private static void ApplyIdentityDetails(Listing listing, TropicalWatchSpecs specs)
    {
        var title = listing.Title;
        listing.Brand = TropicalWatchBrands.Resolve(specs.Brand, title) ?? listing.Brand;
        listing.Year = YearParser.Parse(specs.Year, title) ?? listing.Year;
        listing.Model = specs.Model ?? listing.Model ?? TropicalWatchTitleRules.ModelOf(title, listing.Brand, specs.Reference ?? listing.Reference);
        listing.Reference = specs.Reference ?? listing.Reference ?? TropicalWatchTitleRules.ReferenceOf(title, listing.Brand, listing.Model);
    }

    private static void ApplyDescription(Listing listing, TropicalWatchDescription description)
    {
        // The Python monitor cut "accessories:" before the box/papers parser, so "Accessories: None" meant nothing.
        if (description.Accessories is { } accessories)
        {
            var (hasPapers, hasBox) = BoxPapersParser.Parse("accessories: " + accessories);
            listing.HasPapers = hasPapers ?? listing.HasPapers;
            listing.HasBox = hasBox ?? listing.HasBox;
        }

        listing.Condition = ConditionRater.Rate(string.Join(' ', description.ConditionParts)) ?? listing.Condition;
    }
}
