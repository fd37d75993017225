namespace WatchMonitor.Notifications.Routing;

/// <summary>A listing's text cut into words once, for all routes that look at it.</summary>
internal sealed class ListingWords(RoutedListing listing)
{
    private readonly string[] _title = WordMatcher.Words(listing.Title);
    private readonly string[] _model = WordMatcher.Words(listing.Model);
    private readonly string[] _reference = WordMatcher.Words(listing.Reference);
    private readonly string[] _brand = WordMatcher.Words(listing.Brand);

    public RoutedListing Listing { get; } = listing;

    /// <summary>The phrase (cut into words) as whole words in the title, model or reference.</summary>
    public bool Mentions(string[] words) => WordMatcher.Contains(_title, words) || WordMatcher.Contains(_model, words) || WordMatcher.Contains(_reference, words);

    /// <summary>The brand, word for word ("Patek-Philippe" is "patek philippe"); a listing without one is judged by its title.</summary>
    public bool HasBrand(string[] words) =>
        _brand.Length == 0 ? WordMatcher.Contains(_title, words) : _brand.AsSpan().SequenceEqual(words);
}
