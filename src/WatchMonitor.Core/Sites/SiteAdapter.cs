using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites;

/// <summary>
/// One dealer. Parsing is a pure function of (page text, base URL) so it is tested on saved pages; fetching is
/// this base class's job. Adapters are stateless: nothing from one page or cycle is kept in fields.
/// </summary>
public abstract class SiteAdapter
{
    // One parser per thread: a new one costs about 25 KB per parse, and a parser is not thread-safe while pages are
    // parsed concurrently. ParseDocument is synchronous, so a thread's parser is never shared.
    [ThreadStatic]
    private static HtmlParser? _parser;

    public abstract SiteDefinition Site { get; }

    /// <summary>
    /// Every listing on a listing page, each with its composite id assigned. An item whose parsing throws is left
    /// out and counted in the page's <see cref="ListingPage.SkippedCount"/>; it never fails the page.
    /// </summary>
    /// <exception cref="PageFormatException">The page is not in the site's format at all.</exception>
    public abstract ListingPage ParseListings(string pageText, string baseUrl);

    /// <summary>Enriches <paramref name="listing"/> from its detail page; never changes the composite id.</summary>
    public abstract void ApplyDetails(Listing listing, string pageText, string baseUrl);

    /// <summary>Fetches and parses the listing page.</summary>
    public virtual async Task<ListingPage> FetchListingsAsync(IPageFetcher fetcher, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(endpoints);
        var page = await fetcher.GetStringAsync(endpoints.ListingUrl, cancellationToken).ConfigureAwait(false);
        return ParseListings(page, endpoints.BaseUrl);
    }

    /// <summary>Fetches the listing's detail page and enriches the listing from it.</summary>
    public virtual Task FetchDetailsAsync(IPageFetcher fetcher, Listing listing, SiteEndpoints endpoints, CancellationToken cancellationToken) =>
        FetchDetailPageAsync(fetcher, listing, endpoints, cancellationToken);

    /// <summary>Fetches the page at the listing's URL and applies it: what a site that reads detail pages does.</summary>
    protected async Task FetchDetailPageAsync(IPageFetcher fetcher, Listing listing, SiteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(endpoints);
        var page = await fetcher.GetStringAsync(listing.Url, cancellationToken).ConfigureAwait(false);
        ApplyDetails(listing, page, endpoints.BaseUrl);
    }

    /// <summary>A document the caller must dispose (<c>using var document = ParseHtml(text);</c>).</summary>
    protected static IHtmlDocument ParseHtml(string pageText)
    {
        var document = (_parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false })).ParseDocument(pageText);
        DocumentParsed?.Invoke(document);
        return document;
    }

    /// <summary>Test seam: sees every parsed document, so an end-to-end test can prove none outlives its cycle.</summary>
    internal static Action<IHtmlDocument>? DocumentParsed { get; set; }

    /// <summary>One listing per card <paramref name="parseCard"/> accepts (null: no link, not a product).</summary>
    protected static ListingPage ParseCards(string pageText, string cardSelector, Func<IElement, Listing?> parseCard) =>
        ParseCards(pageText, CssSelector.Parse(cardSelector), parseCard);

    /// <inheritdoc cref="ParseCards(string, string, Func{IElement, Listing?})"/>
    private protected static ListingPage ParseCards(string pageText, ISelector cardSelector, Func<IElement, Listing?> parseCard)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(cardSelector);
        ArgumentNullException.ThrowIfNull(parseCard);
        using var document = ParseHtml(pageText);
        var collector = new ListingCollector();
        foreach (var card in document.All(cardSelector))
        {
            collector.Parse(card, parseCard, FirstLink);
        }

        return collector.ToPage();
    }

    /// <summary>The href of a card's first link, as written: what a log line can name for a card that failed.</summary>
    protected static string? FirstLink(IElement card)
    {
        ArgumentNullException.ThrowIfNull(card);
        // <a href="/de/uhren/rolex-submariner-date-116610ln-24117">, or the card itself when it is the link
        return (card.LocalName == "a" ? card : card.QuerySelector("a[href]"))?.GetAttribute("href");
    }

    /// <summary>A listing known only by its URL, for a detail page whose listing page is not at hand.</summary>
    public Listing CreateBareListing(string url)
    {
        var listing = NewListing(url);
        listing.AssignIdentity();
        return listing;
    }

    /// <summary>A new listing of this site with its currency set.</summary>
    protected Listing NewListing(string url) => new() { SiteKey = Site.Key, Url = url, Currency = Site.Currency };
}
