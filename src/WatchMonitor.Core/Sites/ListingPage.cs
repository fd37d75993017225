using System.Collections;
using System.Runtime.CompilerServices;
using WatchMonitor.Listings;

namespace WatchMonitor.Sites;

/// <summary>
/// What a listing page yielded: its listings, and how many of its items could not be parsed (with the first of
/// them), so one broken card costs that card only while the scanner still sees and reports it.
/// </summary>
[CollectionBuilder(typeof(ListingPage), nameof(Create))]
public sealed class ListingPage : IReadOnlyList<Listing>
{
    private readonly IReadOnlyList<Listing> _listings;

    public ListingPage(IReadOnlyList<Listing> listings, int skippedCount = 0, SkippedItem? firstSkipped = null)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentOutOfRangeException.ThrowIfNegative(skippedCount);
        if ((skippedCount > 0) != (firstSkipped is not null))
        {
            throw new ArgumentException("A page with skipped items names the first of them, and only then.", nameof(firstSkipped));
        }

        _listings = listings;
        SkippedCount = skippedCount;
        FirstSkipped = firstSkipped;
    }

    public static ListingPage Empty { get; } = new([]);

    /// <summary>Items of the page whose parsing threw; they are left out of the listings.</summary>
    public int SkippedCount { get; }

    /// <summary>The first skipped item, null when none was.</summary>
    public SkippedItem? FirstSkipped { get; }

    /// <summary>Every item that looked like a listing failed: the page is as unreadable as one without listings.</summary>
    public bool AllFailed => _listings.Count == 0 && SkippedCount > 0;

    public int Count => _listings.Count;

    public Listing this[int index] => _listings[index];

    public static ListingPage Create(ReadOnlySpan<Listing> listings) => listings.IsEmpty ? Empty : new(listings.ToArray());

    public IEnumerator<Listing> GetEnumerator() => _listings.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One item of a listing page that could not be parsed: its URL when it was read before the failure.</summary>
public sealed record SkippedItem(string? Url, Exception Exception)
{
    /// <summary>"https://…/a: Value was either too large or too small for a Decimal." for a log line.</summary>
    public string Describe() => $"{Url ?? "an item without a readable link"}: {Exception.GetType().Name}: {Exception.Message}";
}
