using BenchmarkDotNet.Attributes;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Sites;
using WatchMonitor.State;

namespace WatchMonitor.Benchmarks.State;

/// <summary>
/// The seen listings after months of running: every site at its cap of 10,000 rows. A scan looks a page of
/// <see cref="Page"/> ids up in one query and commits the page (still-listed rows refreshed, a few new ones with
/// their messages) in one durable transaction.
/// </summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[MinColumn, MedianColumn]
public class SeenListingsBenchmarks : IDisposable
{
    public const int Page = 48;
    private const int PerSite = 10_000;

    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly string _site = SiteCatalog.WorldOfTime.Key;
    private bool _disposed;
    private StateFiles _files = null!;
    private SeenListings _seen = null!;
    private SqliteOutbox _outbox = null!;
    private string[] _pageIds = [];
    private int _cycle;

    [GlobalSetup]
    public void Setup()
    {
        _files = new StateFiles();
        _outbox = new SqliteOutbox(_files.Database, TimeProvider.System, 1_000_000);
        _seen = new SeenListings(_files.Database, _outbox, PerSite);
        foreach (var site in SiteCatalog.All)
        {
            var commit = new ScanCommit(site.Key, Start);
            commit.Added.AddRange(Enumerable.Range(0, PerSite).Select(i => new NewSeenListing(Record(site.Key, i), "baseline")));
            _seen.Commit(commit);
        }

        // Half of the page is seen (spread over the whole recency order), half are new watches.
        _pageIds = [.. Enumerable.Range(0, Page).Select(i => i % 2 == 0 ? IdOf(_site, i * (PerSite / Page)) : IdOf(_site, (3 * PerSite) + i))];
    }

    [Benchmark]
    public int FindSeenOfAPage() => _seen.FindSeen(_site, _pageIds).Count;

    [Benchmark]
    public int LastKnownPriceForUrl() => _seen.LastKnownPriceForUrl(_site, UrlOf(_site, PerSite / 2)) is null ? 0 : 1;

    /// <summary>A cycle's commit of one site: 44 listed rows refreshed, 4 new rows and their messages, 4 trimmed.</summary>
    [Benchmark]
    public int CommitAPage()
    {
        var cycle = ++_cycle;
        var commit = new ScanCommit(_site, Start.AddMinutes(cycle));
        commit.StillListed.AddRange(Enumerable.Range(0, Page - 4).Select(i => Record(_site, (cycle * 4) + i)));
        commit.Added.AddRange(Enumerable.Range(0, 4).Select(i => new NewSeenListing(
            Record(_site, (10 * PerSite) + (cycle * 4) + i),
            "queued",
            OutgoingMessage.ForListing(_site, _site, IdOf(_site, (10 * PerSite) + (cycle * 4) + i), NotificationKind.NewListing, """{"title":"Rolex Submariner"}"""))));
        return _seen.Commit(commit).Queued;
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        if (!_disposed)
        {
            _files.Dispose();
            _disposed = true;
        }

        GC.SuppressFinalize(this);
    }

    private static ListingRecord Record(string site, int i) =>
        new(IdOf(site, i), null, UrlOf(site, i), "Rolex Submariner Date 126610LN", "Rolex", "Submariner", "126610LN", 9000m + i, "EUR", $"https://{site}.example/media/{i}.jpg");

    private static string IdOf(string site, int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{site}:{i}")).AsSpan(0, 16));

    private static string UrlOf(string site, int i) => $"https://{site}.example/watches/rolex-submariner-date-126610ln-{i}";
}
