using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Grimmeissen;

internal readonly record struct GrimmeissenHeading(string Title, string? Brand, string? Model, bool HasBrandLink)
{
    // <span><a href="/de/marken/omega">Omega</a></span>
    private static readonly ISelector BrandLink = CssSelector.Parse("span a");

    // Every occurrence of the brand goes, as in the Python monitor: "Cartier Tank Louis Cartier" → "Tank Louis".
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
