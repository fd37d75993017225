using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Grimmeissen;

/// <summary>
/// Title, brand and model from a Grimmeissen heading, where the brand is a link inside the h1:
/// <c>&lt;h1&gt;&lt;span&gt;&lt;a href="/de/marken/rolex"&gt;Rolex&lt;/a&gt;&lt;/span&gt; Submariner Date&lt;/h1&gt;</c>.
/// </summary>
internal readonly record struct GrimmeissenHeading(string Title, string? Brand, string? Model, bool HasBrandLink)
{
    // <span><a href="/de/marken/omega">Omega</a></span>
    private static readonly ISelector BrandLink = CssSelector.Parse("span a");

    /// <summary>
    /// "Rolex Submariner Date" with brand link "Rolex" → model "Submariner Date". Every occurrence of the brand is
    /// removed, as the Python monitor did ("Cartier Tank Louis Cartier" → "Tank Louis"); without a brand link the whole
    /// title is the model. A missing heading reads as "Unknown Watch", which then is also the model.
    /// </summary>
    public static GrimmeissenHeading Read(IElement? heading)
    {
        var title = heading is null ? Listing.UnknownTitle : ElementText.Of(heading);

        var brandLink = heading.First(BrandLink);
        if (brandLink is null)
        {
            return new(title, null, NullIfEmpty(title.Trim()), HasBrandLink: false);
        }

        var brand = ElementText.Of(brandLink);
        var model = brand.Length == 0 ? title : title.Replace(brand, "", StringComparison.Ordinal);
        return new(title, NullIfEmpty(brand), NullIfEmpty(model.Trim()), HasBrandLink: true);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
