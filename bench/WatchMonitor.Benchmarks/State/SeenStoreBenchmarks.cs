using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Listings;
using WatchMonitor.Sites;
using WatchMonitor.State;

namespace WatchMonitor.Benchmarks.State;

/// <summary>
/// The seen store after months of running: every site at its cap of 10,000 ids, each with a URL and a price.
/// Lookups and <see cref="SeenStore.Touch"/> are per id (batches of <see cref="Batch"/>); saving writes all 60,000.
/// </summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[MinColumn, MedianColumn]
public class SeenStoreBenchmarks : IDisposable
{
    public const int Batch = 100;
    private const int PerSite = SeenStore.DefaultMaxPerSite;

    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly string _site = SiteCatalog.WorldOfTime.Key;
    private bool _disposed;
    private StateFiles _files = null!;
    private SeenStore _store = null!;
    private string[] _lookupIds = [];
    private string[] _lookupUrls = [];
    private string[] _listedIds = [];
    private string[] _newIds = [];
    private string[] _newUrls = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _files = new StateFiles();
        _store = new SeenStore(_files.PathOf("seen_watches.json"), _files.Writer, _files.Quarantine, NullLogger<SeenStore>.Instance);
        foreach (var site in SiteCatalog.All)
        {
            for (var i = 0; i < PerSite; i++)
            {
                _store.MarkSeen(site.Key, IdOf(site.Key, i), UrlOf(site.Key, i), 1000m + i, site.Currency, Now);
            }
        }

        // Half of the looked-up ids are seen (spread over the whole recency list), half are new watches.
        _lookupIds = [.. Enumerable.Range(0, Batch).Select(i => i % 2 == 0 ? IdOf(_site, i * (PerSite / Batch)) : IdOf(_site, (3 * PerSite) + i))];
        _lookupUrls = [.. Enumerable.Range(0, Batch).Select(i => UrlOf(_site, i * (PerSite / Batch)))];
        // A listing page: the ids on it are the newest ones.
        _listedIds = [.. Enumerable.Range(PerSite - Batch, Batch).Select(i => IdOf(_site, i))];
        // More fresh ids than the cap, so every id is new again by the time the ring comes back to it.
        _newIds = [.. Enumerable.Range(PerSite, 2 * PerSite).Select(i => IdOf(_site, i))];
        _newUrls = [.. Enumerable.Range(PerSite, 2 * PerSite).Select(i => UrlOf(_site, i))];
        if (_store.TotalCount != SiteCatalog.All.Count * PerSite)
        {
            throw new InvalidOperationException($"The store holds {_store.TotalCount} ids, not {SiteCatalog.All.Count * PerSite}.");
        }

        _store.SaveAsync(CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// seen file {new FileInfo(_store.FilePath).Length:N0} bytes, companion {new FileInfo(_store.CompanionFilePath).Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _store?.Dispose();
            _files?.Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int IsSeen()
    {
        var seen = 0;
        foreach (var id in _lookupIds)
        {
            if (_store.IsSeen(_site, id))
            {
                seen++;
            }
        }

        return seen;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public decimal? LastKnownPriceForUrl()
    {
        decimal? last = null;
        foreach (var url in _lookupUrls)
        {
            last = _store.LastKnownPriceForUrl(_site, url)?.Price;
        }

        return last;
    }

    /// <summary>Refreshes the recency of a page's ids, as each cycle does before marking new ones.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Touch() => _store.Touch(_site, _listedIds, Now);

    /// <summary>A new watch on a full site: added as the newest id, and the id gone longest is trimmed.</summary>
    [Benchmark]
    public int MarkSeenAtCap()
    {
        var i = _next;
        _next = (i + 1) % _newIds.Length;
        _store.MarkSeen(_site, _newIds[i], _newUrls[i], 2000m, "EUR", Now);
        return _store.CountFor(_site);
    }

    /// <summary>Both files, 60,000 ids, streamed through the atomic writer (temp file, fsync, rename).</summary>
    [Benchmark]
    public Task SaveAsync() => _store.SaveAsync(CancellationToken.None);

    private static string IdOf(string site, int i) =>
        CompositeId.Compute(new CompositeIdInputs("Rolex", "Submariner " + site, i.ToString("D6", CultureInfo.InvariantCulture), 1000m + i, "1995", null, null, null));

    private static string UrlOf(string site, int i) =>
        $"https://dealer.example/{site}/watches/{i.ToString(CultureInfo.InvariantCulture)}/rolex-submariner";
}
