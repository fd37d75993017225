using BenchmarkDotNet.Attributes;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Benchmarks.Sites;
using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Benchmarks.Listings;

/// <summary>
/// Composite ids for a batch of real listings (those of every saved listing page): the primary form
/// ("brand|model|reference|cents|year|material") and the fallback form ("title|cents|url") used when fewer than two
/// of brand, model, reference and price are known. Each benchmark computes <see cref="BatchSize"/> ids.
/// </summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[MinColumn, MedianColumn]
public class CompositeIdBenchmarks
{
    public const int BatchSize = 100;

    private CompositeIdInputs[] _primary = [];
    private CompositeIdInputs[] _fallback = [];
    private Listing[] _listings = [];

    [GlobalSetup]
    public void Setup()
    {
        var parsed = SavedPages.AvailableSiteKeys()
            .SelectMany(key =>
            {
                var adapter = SiteAdapters.Create(key)!;
                var pages = SavedPages.For(key);
                return adapter.ParseListings(SavedPages.Read(pages.Folder, pages.Listing), adapter.Site.DefaultBaseUrl);
            })
            .ToArray();

        // Brand and model both known: at least two essentials, so the primary form.
        _primary = Batch(parsed.Where(l => !string.IsNullOrEmpty(l.Brand) && !string.IsNullOrEmpty(l.Model)).Select(CompositeIdInputs.From));
        // Only title, price and URL: at most one essential, so the fallback form.
        _fallback = Batch(parsed.Select(l => new CompositeIdInputs(null, null, null, l.Price, null, null, l.Title, l.Url)));
        _listings = Batch(parsed);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public string PrimaryForm()
    {
        var last = "";
        foreach (var inputs in _primary)
        {
            last = CompositeId.Compute(inputs);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public string FallbackForm()
    {
        var last = "";
        foreach (var inputs in _fallback)
        {
            last = CompositeId.Compute(inputs);
        }

        return last;
    }

    /// <summary>What every parsed listing pays: cleaning the identity fields, the primary id and the legacy id.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public string AssignIdentity()
    {
        var last = "";
        foreach (var listing in _listings)
        {
            listing.AssignIdentity();
            last = listing.CompositeId;
        }

        return last;
    }

    private static T[] Batch<T>(IEnumerable<T> source)
    {
        var items = source.ToArray();
        if (items.Length == 0)
        {
            throw new InvalidOperationException("The saved listing pages gave no listings for a composite id batch.");
        }

        return Enumerable.Range(0, BatchSize).Select(i => items[i % items.Length]).ToArray();
    }
}
