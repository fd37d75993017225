using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace WatchMonitor.Sites.Platforms.Shopware;

// Shopware's default ?p=N pagination (docs/dealers.md#rueschenbeck: not verified against the live shop).
internal static partial class ShopwarePagination
{
    // About 370 watches at Shopware's default 24 per page is 16 pages; the cap only stops a runaway pagination.
    public const int MaxPages = 20;

    // Radios of the Shopware 6 pagination form: <input type="radio" name="p" value="6" id="p-last">.
    private const string PageRadios = "input[name='p']";

    // Anchors of the 6.6+ pagination: <a class="page-link" href="?p=6" data-page="6">.
    private const string PageAnchors = "ul.pagination [data-page], ul.pagination a[href], .pagination-nav [data-page], .pagination-nav a[href]";

    public static int LastPage(IParentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var last = 1;
        foreach (var radio in document.QuerySelectorAll(PageRadios))
        {
            last = Math.Max(last, PageNumber(radio.GetAttribute("value")));
        }

        foreach (var anchor in document.QuerySelectorAll(PageAnchors))
        {
            last = Math.Max(last, PageNumber(anchor.GetAttribute("data-page")));
            var href = anchor.GetAttribute("href");
            var match = href is null ? Match.Empty : PageParameter().Match(href);
            if (match.Success)
            {
                last = Math.Max(last, PageNumber(match.Groups[1].Value));
            }
        }

        return last;
    }

    /// <summary>("https://x.de/uhren?order=price-asc", 3) → "https://x.de/uhren?order=price-asc&amp;p=3".</summary>
    public static string PageUrl(string listingUrl, int page)
    {
        ArgumentNullException.ThrowIfNull(listingUrl);
        var fragmentStart = listingUrl.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentStart < 0 ? "" : listingUrl[fragmentStart..];
        var withoutFragment = fragmentStart < 0 ? listingUrl : listingUrl[..fragmentStart];
        var queryStart = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? withoutFragment : withoutFragment[..queryStart];
        var query = queryStart < 0 ? "" : withoutFragment[(queryStart + 1)..];
        var kept = query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith("p=", StringComparison.Ordinal) && pair != "p")
            .Append("p=" + page.ToString(CultureInfo.InvariantCulture));
        return path + "?" + string.Join('&', kept) + fragment;
    }

    private static int PageNumber(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;

    // The page parameter of a pagination link: "?p=6", "?order=name-asc&p=6".
    [GeneratedRegex(@"[?&]p=(\d{1,6})(?:[&#]|$)")]
    private static partial Regex PageParameter();
}
