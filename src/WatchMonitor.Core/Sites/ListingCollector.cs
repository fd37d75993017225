using WatchMonitor.Listings;

namespace WatchMonitor.Sites;

/// <summary>
/// Builds a <see cref="ListingPage"/> item by item, each in its own try/catch: a card or product that throws is
/// counted and skipped, the rest of the page still parses. Every per-item loop of an adapter goes through it.
/// Keeps the first failure only, so a page of 600 broken cards holds one exception, not 600.
/// </summary>
public sealed class ListingCollector
{
    private readonly List<Listing> _listings = [];

    public int SkippedCount { get; private set; }

    public SkippedItem? FirstSkipped { get; private set; }

    public int Count => _listings.Count;

    /// <summary>Parses one item; a null result (no link, sold, not a product) adds nothing.</summary>
    /// <param name="item">The card, product or element.</param>
    /// <param name="parseItem">The adapter's rule for one item.</param>
    /// <param name="urlOf">Reads the item's URL for the report when parsing it fails; may itself fail.</param>
    public void Parse<TItem>(TItem item, Func<TItem, Listing?> parseItem, Func<TItem, string?>? urlOf = null)
    {
        ArgumentNullException.ThrowIfNull(parseItem);
        try
        {
            if (parseItem(item) is { } listing)
            {
                _listings.Add(listing);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Skip(UrlOrNull(item, urlOf), exception);
        }
    }

    /// <summary>Adds a listing parsed outside <see cref="Parse"/>.</summary>
    public void Add(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        _listings.Add(listing);
    }

    /// <summary>Carries over the skipped items of another page of the same listing (pagination).</summary>
    public void AddSkipped(ListingPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.FirstSkipped is { } first)
        {
            FirstSkipped ??= first;
            SkippedCount += page.SkippedCount;
        }
    }

    public ListingPage ToPage() => new(_listings.ToArray(), SkippedCount, FirstSkipped);

    private void Skip(string? url, Exception exception)
    {
        FirstSkipped ??= new SkippedItem(url, exception);
        SkippedCount++;
    }

    private static string? UrlOrNull<TItem>(TItem item, Func<TItem, string?>? urlOf)
    {
        if (urlOf is null)
        {
            return null;
        }

        try
        {
            return urlOf(item);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The item is broken enough that even its link cannot be read; it is reported without one.
            return null;
        }
    }
}
