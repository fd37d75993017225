using System.Globalization;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo.Rendering;

/// <summary>Where a site is served: <c>Origin</c> "http://127.0.0.1:5080", <c>Root</c> Origin + "/worldoftime".</summary>
public sealed record SiteAddress(string Origin, string PathPrefix)
{
    public string Root => Origin + PathPrefix;

    /// <summary>"/worldoftime/Watches/Details/x-1" for "Watches/Details/x-1".</summary>
    public string Path(string relative) => PathPrefix + "/" + relative;

    public string Absolute(string relative) => Origin + Path(relative);
}

/// <summary>A page to send: body and its media type.</summary>
public sealed record RenderedPage(string Body, string ContentType)
{
    public const string HtmlType = "text/html; charset=utf-8";
    public const string JsonType = "application/json; charset=utf-8";
}

/// <summary>What a request under a site's prefix asks for.</summary>
public enum SitePageKind
{
    NotFound,
    Listing,
    Detail,
    ProductsJson,
    Media,
}

/// <summary>
/// One dealer's markup. Paths are relative to the site's prefix and have no leading slash ("Watches/NewArrivals").
/// Renderers are stateless; everything they show comes from the listings passed in.
/// </summary>
public abstract class SiteRenderer
{
    public abstract string Key { get; }

    /// <summary>The listing page ("new arrivals"); for Watch Out the HTML collection page.</summary>
    public abstract string ListingPath { get; }

    /// <summary>What the monitor appends to the listing path ("?sort_by=created-descending" for Watch Out).</summary>
    public virtual string ListingQuery => "";

    /// <summary>Shopify's products.json (Watch Out only), including its query string.</summary>
    public virtual string? ProductsJsonPath => null;

    /// <summary>The currency prices are shown in.</summary>
    public virtual string Currency => "EUR";

    public abstract string DetailPath(FakeListing listing);

    /// <summary>The listing id in a detail path, or null when <paramref name="path"/> is no detail path of this site.</summary>
    protected abstract int? DetailId(string path);

    public abstract RenderedPage RenderListing(IReadOnlyList<FakeListing> listings, SiteAddress address, int page, int pageSize);

    public abstract RenderedPage RenderDetail(FakeListing listing, SiteAddress address);

    /// <summary>Shopify's products.json with at most <paramref name="limit"/> products (Watch Out only).</summary>
    public virtual RenderedPage? RenderProductsJson(IReadOnlyList<FakeListing> listings, SiteAddress address, int limit) => null;

    /// <summary>What the site's adapter should read from the listing page (null when it must skip the listing).</summary>
    public abstract ExpectedListing? ExpectListing(FakeListing listing, SiteAddress address);

    /// <summary>What the adapter should know after applying the detail page; null members are not asserted.</summary>
    public abstract ExpectedDetails ExpectDetails(FakeListing listing);

    public static string ImagePath(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return "media/" + listing.Image;
    }

    /// <summary>Classifies a request path (no leading slash, no query).</summary>
    public (SitePageKind Kind, int ListingId) Classify(string path)
    {
        if (string.Equals(path.TrimEnd('/'), ListingPath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return (SitePageKind.Listing, 0);
        }

        if (ProductsJsonPath is { } json && string.Equals(path, json.Split('?')[0], StringComparison.OrdinalIgnoreCase))
        {
            return (SitePageKind.ProductsJson, 0);
        }

        if (path.StartsWith("media/", StringComparison.Ordinal) || path.StartsWith("cdn/", StringComparison.Ordinal))
        {
            return (SitePageKind.Media, 0);
        }

        return DetailId(path) is { } id ? (SitePageKind.Detail, id) : (SitePageKind.NotFound, 0);
    }

    /// <summary>The number after the last '-' of the last path segment under <paramref name="directory"/>: "watches/x-y-17" → 17.</summary>
    protected static int? TrailingId(string path, string directory, string suffix = "")
    {
        if (!path.StartsWith(directory, StringComparison.OrdinalIgnoreCase) || !path.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var slug = path[directory.Length..^suffix.Length];
        if (slug.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var dash = slug.LastIndexOf('-');
        return int.TryParse(slug.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    protected static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>A listing as the adapter should parse it from the listing page.</summary>
public sealed record ExpectedListing(int Id, string Url, string Title, decimal? Price, string Currency);

/// <summary>Fields the adapter should hold after the detail page; a null member is not checked.</summary>
public sealed record ExpectedDetails
{
    public string? Title { get; init; }

    public string? Brand { get; init; }

    public string? Model { get; init; }

    public string? Reference { get; init; }

    public string? Year { get; init; }

    public string? CaseMaterial { get; init; }

    public string? Diameter { get; init; }

    public string? Condition { get; init; }

    public decimal? Price { get; init; }
}
