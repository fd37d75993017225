using WatchMonitor.Listings;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Core.Tests.Monitoring;

public sealed class ListingTwinsTests
{
    // "rolex|submariner date|116610ln|850000", the first composite-id vector.
    private const string PlainId = "215de3dfc0d1f6a1f0004cf826c7e0fd";
    private const string UrlA = "https://x/a";
    private const string UrlB = "https://x/b";
    private const string UrlC = "https://x/0";

    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownUrls = new(StringComparer.Ordinal);

    [Fact]
    public void ForTwin_GoldenVector_IsMd5OfIdBarUrl() =>
        Assert.Equal("5e7b692dda380209dff8a0b9661b1b49", CompositeId.ForTwin(PlainId, UrlB));

    [Fact]
    public void BecomeTwin_ListingWithLegacyId_TakesTwinIdDropsLegacyAndIsIdempotent()
    {
        var listing = Submariner(UrlB);
        listing.AssignIdentity(CompositeIdInputs.From(listing) with { Price = null });
        Assert.NotNull(listing.LegacyCompositeId);

        listing.BecomeTwin();
        listing.BecomeTwin();

        Assert.True(listing.IsTwin);
        Assert.Equal("5e7b692dda380209dff8a0b9661b1b49", listing.CompositeId);
        Assert.Equal(PlainId, listing.PlainCompositeId);
        Assert.Null(listing.LegacyCompositeId);
        Assert.Equal(["5e7b692dda380209dff8a0b9661b1b49"], listing.KnownIds());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolve_NewPairInEitherOrder_FirstUrlKeepsThePlainId(bool swapped)
    {
        var page = swapped ? new[] { Submariner(UrlB), Submariner(UrlA) } : [Submariner(UrlA), Submariner(UrlB)];

        var resolved = Resolve(page);

        Assert.Equal(page, resolved);
        Assert.Equal(PlainId, IdOf(resolved, UrlA));
        Assert.Equal(CompositeId.ForTwin(PlainId, UrlB), IdOf(resolved, UrlB));
    }

    [Fact]
    public void Resolve_SeenPairSwapped_KeepsEachId()
    {
        Record(PlainId, UrlA);
        Record(CompositeId.ForTwin(PlainId, UrlB), UrlB);

        var resolved = Resolve([Submariner(UrlB), Submariner(UrlA)]);

        Assert.Equal(PlainId, IdOf(resolved, UrlA));
        Assert.Equal(CompositeId.ForTwin(PlainId, UrlB), IdOf(resolved, UrlB));
    }

    [Fact]
    public void Resolve_NewcomerWhoseUrlSortsFirst_BecomesTheTwin()
    {
        Record(PlainId, UrlA);

        var resolved = Resolve([Submariner(UrlC), Submariner(UrlA)]);

        Assert.Equal(PlainId, IdOf(resolved, UrlA));
        Assert.Equal(CompositeId.ForTwin(PlainId, UrlC), IdOf(resolved, UrlC));
    }

    [Fact]
    public void Resolve_OwnerOfThePlainIdGoneAndANewcomer_NewcomerBecomesATwin()
    {
        Record(PlainId, UrlA);
        Record(CompositeId.ForTwin(PlainId, UrlB), UrlB);

        var resolved = Resolve([Submariner(UrlB), Submariner(UrlC)]);

        Assert.Equal(CompositeId.ForTwin(PlainId, UrlB), IdOf(resolved, UrlB));
        Assert.Equal(CompositeId.ForTwin(PlainId, UrlC), IdOf(resolved, UrlC));
    }

    [Fact]
    public void Resolve_PythonSeenFileWithoutUrls_FirstUrlKeepsThePlainId()
    {
        _seenIds.Add(PlainId);

        var resolved = Resolve([Submariner(UrlB), Submariner(UrlA)]);

        Assert.Equal(PlainId, IdOf(resolved, UrlA));
        Assert.Equal(CompositeId.ForTwin(PlainId, UrlB), IdOf(resolved, UrlB));
    }

    [Fact]
    public void Resolve_SingleListing_KeepsThePlainIdEvenWhenItWasATwin()
    {
        Record(CompositeId.ForTwin(PlainId, UrlB), UrlB);

        var listing = Assert.Single(Resolve([Submariner(UrlB)]));

        Assert.Equal(PlainId, listing.CompositeId);
        Assert.False(listing.IsTwin);
    }

    [Fact]
    public void Resolve_SameUrlTwice_OneListing()
    {
        var first = Submariner(UrlA);

        var listing = Assert.Single(Resolve([first, Submariner(UrlA)]));

        Assert.Same(first, listing);
        Assert.Equal(PlainId, listing.CompositeId);
    }

    private List<Listing> Resolve(IReadOnlyList<Listing> page) => ListingTwins.Resolve(
        page,
        listing => listing.KnownIds().Any(_seenIds.Contains),
        _seenIds.Contains,
        _knownUrls.Contains);

    private void Record(string id, string url)
    {
        _seenIds.Add(id);
        _knownUrls.Add(url);
    }

    private static string IdOf(IEnumerable<Listing> listings, string url) =>
        Assert.Single(listings, listing => listing.Url == url).CompositeId;

    private static Listing Submariner(string url)
    {
        var listing = new Listing { SiteKey = "grimmeissen", Url = url, Brand = "Rolex", Model = "Submariner Date", Reference = "116610LN", Price = 8500m };
        listing.AssignIdentity();
        return listing;
    }
}
