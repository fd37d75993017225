using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WorldOfTime;

/// <summary>World of Time: the "new arrivals" grid of worldoftime.de (docs/dealers.md#worldoftime).</summary>
public sealed class WorldOfTimeAdapter : SiteAdapter
{
    // Both card kinds: <div class="new-arrivals-watch">, <div class="paged-clocks-container"><div class="… watch-link">.
    private static readonly ISelector ContainerSelector = CssSelector.Parse("div.new-arrivals-watch, div.paged-clocks-container div.watch-link");

    // The name line: <div class="text-truncate" style="font-size: 17px; font-family: 'AB';">Rolex Submariner</div>.
    private static readonly ISelector TitleSelector = CssSelector.Parse("div.text-truncate[style*='font-size: 17px'][style*=\"font-family: 'AB'\"]");

    // The photo link: <div class="image"><a href="/Watches/…">.
    private static readonly ISelector PhotoLink = CssSelector.Parse("div.image a");

    // A link that is a div's child: <div class="square-container"><a href="…"><img …></a></div>.
    private static readonly ISelector DivChildLink = CssSelector.Parse("div > a");

    private static readonly ISelector Image = CssSelector.Parse("img");

    // <div class="pt-4 mt-auto"><p class="m-0">€ 12.500,-</p></div>
    private static readonly ISelector Price = CssSelector.Parse("div.pt-4.mt-auto p");

    // <p class="m-0 price" style="font-size: 17px;">12.500 €</p>
    private static readonly ISelector PriceParagraph = CssSelector.Parse("p.m-0.price[style*='font-size: 17px']");

    // <p class="m-0 truncate-two-lines">Edelstahl, Automatik, Baujahr 1995, Box und Papiere</p>
    private static readonly ISelector Description = CssSelector.Parse("p.m-0.truncate-two-lines");

    // <p class="m-0 characteristics">Stainless steel case, manual winding, 1969</p>
    private static readonly ISelector Characteristics = CssSelector.Parse("p.m-0.characteristics");

    // <div class="image"><a …><img src="/media/watches/31245/1.jpg"></a></div>
    private static readonly ISelector PhotoImage = CssSelector.Parse("div.image img");

    // <div class="square-container"><a href="…"><img src="…"></a></div>
    private static readonly ISelector SquareImage = CssSelector.Parse("div.square-container img");

    public override SiteDefinition Site => SiteCatalog.WorldOfTime;

    public override ListingPage ParseListings(string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var document = ParseHtml(pageText);
        var collector = new ListingCollector();
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in document.All(ContainerSelector))
        {
            // The same watch can sit in the new-arrivals strip and in the grid; one listing per watch.
            collector.Parse(
                container,
                item => ParseListing(item, baseUrl) is { } listing && urls.Add(listing.Url) ? listing : null,
                item => LinkOf(item)?.GetAttribute("href"));
        }

        return collector.ToPage();
    }

    public override void ApplyDetails(Listing listing, string pageText, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(pageText);
        using var document = ParseHtml(pageText);

        // The detail layout is unverified (docs/dealers.md#worldoftime): without this container the whole page is read.
        var scope = document.QuerySelector("div.watchDetailsRight") ?? document.Body ?? document.DocumentElement;
        if (scope is null)
        {
            return;
        }

        ApplyTitle(listing, scope.QuerySelector("h1") ?? document.QuerySelector("h1"));
        foreach (var (label, value) in WorldOfTimeDetailRows.Read(scope))
        {
            ApplyRow(listing, WorldOfTimeDetailRows.Classify(label), label, RecordCleaner.CollapseWhitespace(value));
        }
    }

    private Listing? ParseListing(IElement container, string baseUrl)
    {
        var href = LinkOf(container)?.GetAttribute("href");
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        var listing = NewListing(UrlJoiner.Join(baseUrl, href));
        var titleElement = container.First(TitleSelector);
        var rawTitle = titleElement is null ? Listing.UnknownTitle : ElementText.Of(titleElement);
        var title = RecordCleaner.Clean(ElementText.OrNull(titleElement));
        listing.Title = rawTitle;
        (listing.Brand, listing.Model) = WorldOfTimeBrands.Split(title);
        listing.Reference = ReferenceNextTo(titleElement);

        var priceText = ElementText.OrNull(PriceElementOf(container));
        listing.Price = PriceParser.Parse(priceText);
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        listing.ImageUrl = ImageOf(container, baseUrl);

        var description = ElementText.Of(DescriptionOf(container));
        string? referenceYear = null;
        if (description.Length > 0)
        {
            listing.Year = YearParser.Parse(description, title);
            referenceYear = YearParser.ParseAsReference(description, rawTitle);
            (listing.HasPapers, listing.HasBox) = BoxPapersParser.Parse(description);
            listing.Condition = ConditionRater.Rate(description);
            listing.CaseMaterial = WorldOfTimeCaseMaterial.Find(description);
        }

        // The Python monitor split the raw title and misread some prices and years; its id lives on as the legacy id
        // (docs/dealers.md#worldoftime).
        var (referenceBrand, referenceModel) = WorldOfTimeBrands.SplitAsReference(rawTitle);
        listing.AssignIdentity(CompositeIdInputs.From(listing) with
        {
            Brand = referenceBrand,
            Model = referenceModel,
            Price = PriceParser.ParseAsReference(priceText),
            Year = referenceYear,
            Title = rawTitle,
        });
        return listing;
    }

    private static IElement? LinkOf(IElement container)
    {
        if (container.First(PhotoLink) is { } photoLink)
        {
            return photoLink;
        }

        foreach (var link in container.All(DivChildLink))
        {
            if (link.First(Image) is not null)
            {
                return link;
            }
        }

        return null;
    }

    // "Ref. 16610" → "16610"; "Wot-ID: 31245" is the shop's own number, not a reference.
    private static string? ReferenceNextTo(IElement? titleElement)
    {
        for (var sibling = titleElement?.NextElementSibling; sibling is not null; sibling = sibling.NextElementSibling)
        {
            if (sibling.LocalName == "div" && sibling.ClassList.Contains("text-truncate")
                && (sibling.GetAttribute("style") ?? "").Contains("font-size: 16px", StringComparison.Ordinal))
            {
                return ReferenceFrom(ElementText.Of(sibling));
            }
        }

        return null;
    }

    private static string? ReferenceFrom(string text)
    {
        var reference = text.Replace("Ref.", "", StringComparison.Ordinal).Trim();
        return reference.Length == 0 || reference.Contains("Wot-ID", StringComparison.Ordinal) ? null : reference;
    }

    private static IElement? PriceElementOf(IElement container) =>
        container.First(Price) ?? container.First(PriceParagraph);

    private static IElement? DescriptionOf(IElement container) =>
        container.First(Description) ?? container.First(Characteristics);

    // Only src, as the Python monitor read it; a lazy-load placeholder (data: URI) is no picture Discord can show.
    private static string? ImageOf(IElement container, string baseUrl)
    {
        var image = container.First(PhotoImage) ?? container.First(SquareImage);
        var src = image?.GetAttribute("src")?.Trim();
        return string.IsNullOrEmpty(src) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            ? null
            : UrlJoiner.Join(baseUrl, src);
    }

    // <h1 style="font-family: 'AB'">Rolex Submariner 5513</h1> names a listing whose card had no name line.
    private static void ApplyTitle(Listing listing, IElement? headingElement)
    {
        if (listing.Title != Listing.UnknownTitle || ElementText.OrNull(headingElement) is not { } heading)
        {
            return;
        }

        listing.Title = RecordCleaner.CollapseWhitespace(heading);
        var (brand, model) = WorldOfTimeBrands.Split(listing.Title);
        listing.Brand ??= brand;
        listing.Model ??= model;
    }

    private static void ApplyRow(Listing listing, WorldOfTimeDetailField field, string label, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        switch (field)
        {
            case WorldOfTimeDetailField.Reference:
                listing.Reference ??= ReferenceFrom(value);
                break;
            case WorldOfTimeDetailField.Year:
                listing.Year ??= YearParser.Parse(value, listing.Title);
                break;
            case WorldOfTimeDetailField.Condition:
                // A dedicated condition row says more than keywords picked from the listing's description.
                listing.Condition = ConditionRater.Rate(value) ?? listing.Condition;
                break;
            case WorldOfTimeDetailField.CaseMaterial:
                listing.CaseMaterial ??= WorldOfTimeCaseMaterial.Find(value) ?? value;
                break;
            case WorldOfTimeDetailField.Diameter:
                listing.Diameter = Diameter(value);
                break;
            case WorldOfTimeDetailField.BoxPapers:
                // The label carries the meaning of a bare "Ja"/"Nein": "Papiere: Nein".
                var (papers, box) = BoxPapersParser.Parse(label.TrimEnd(':', ' ') + ": " + value);
                listing.HasPapers ??= papers;
                listing.HasBox ??= box;
                break;
            case WorldOfTimeDetailField.Brand:
                listing.Brand ??= value;
                break;
            case WorldOfTimeDetailField.Model:
                listing.Model ??= value;
                break;
        }
    }

    // "40" → "40 mm"; anything else ("40 mm", "36 x 44 mm") is kept as written.
    private static string Diameter(string value) =>
        value.All(c => char.IsAsciiDigit(c) || c is ',' or '.') && char.IsAsciiDigit(value[0])
            ? value + " mm"
            : value;
}
