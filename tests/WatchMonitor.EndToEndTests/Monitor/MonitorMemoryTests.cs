using AngleSharp.Html.Dom;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.Sites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>
/// Issue 4: memory must stay flat for months. After a real cycle nothing of it stays reachable: not the page strings,
/// not the parsed documents, and the managed heap is back where it was. Runs alone, so no other test allocates on
/// the same heap meanwhile.
/// </summary>
[Collection(nameof(MonitorMemoryTests))]
public sealed class MonitorMemoryTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const long HeapMargin = 1024 * 1024;

    [Fact]
    public async Task RunOnce_Warm_ReleasesPagesAndDocumentsAndKeepsTheHeapFlat()
    {
        WeakPageFetcher? pages = null;
        var documents = new WeakDocuments();
        await using var monitor = Harness.StartMonitor(services: MonitorHarness.DecorateFetcher(inner => pages = new WeakPageFetcher(inner)));
        SiteAdapter.DocumentParsed = documents.Add;
        try
        {
            // Warm-up: JIT, connection pools, buffer pools, the exchange-rate cache, every code path of a cycle.
            await monitor.RunCycleAsync();
            for (var i = 0; i < 5; i++)
            {
                AddOneListingEverywhere();
                await monitor.RunCycleAsync();
            }

            pages!.Clear();
            documents.Clear();
            AddOneListingEverywhere();
            var before = Heap();
            var report = await monitor.RunCycleAsync();
            var after = Heap();

            Output.WriteLine($"heap before the cycle {before / 1024} KiB, after {after / 1024} KiB; {pages.Count} pages, {documents.Count} documents");
            Assert.Equal(6, report.NewListings);
            Assert.True(pages.Count >= 12, $"Only {pages.Count} pages were fetched; the cycle should fetch a listing and a detail page per site.");
            Assert.True(documents.Count >= 6, $"Only {documents.Count} documents were parsed.");
            Assert.Empty(pages.Alive());
            Assert.Equal(0, documents.Alive());
            Assert.True(after - before < HeapMargin, $"The managed heap grew by {(after - before) / 1024} KiB over one warm cycle.");
        }
        finally
        {
            SiteAdapter.DocumentParsed = null;
        }
    }

    private void AddOneListingEverywhere()
    {
        foreach (var site in Harness.Server.Sites)
        {
            site.Add();
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class WeakDocuments
    {
        private readonly Lock _gate = new();
        private readonly List<WeakReference<IHtmlDocument>> _documents = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _documents.Count;
                }
            }
        }

        public void Add(IHtmlDocument document)
        {
            lock (_gate)
            {
                _documents.Add(new WeakReference<IHtmlDocument>(document));
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _documents.Clear();
            }
        }

        public int Alive()
        {
            lock (_gate)
            {
                return _documents.Count(document => document.TryGetTarget(out _));
            }
        }
    }
}

[CollectionDefinition(nameof(MonitorMemoryTests), DisableParallelization = true)]
public sealed class MonitorMemoryTestsDefinition;
