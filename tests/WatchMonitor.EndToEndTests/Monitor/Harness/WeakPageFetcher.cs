using WatchMonitor.Sites;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>
/// Decorates the monitor's real fetcher and keeps a weak reference to every page string it hands out, so a test can
/// check that no page outlives the cycle that fetched it.
/// </summary>
public sealed class WeakPageFetcher(IPageFetcher inner) : IPageFetcher
{
    private readonly Lock _gate = new();
    private readonly List<(string Url, WeakReference<string> Page)> _pages = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pages.Count;
            }
        }
    }

    public async Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
    {
        var page = await inner.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _pages.Add((url, new WeakReference<string>(page)));
        }

        return page;
    }

    /// <summary>Forgets the pages recorded so far (the warm-up's).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pages.Clear();
        }
    }

    /// <summary>URLs whose page string is still reachable.</summary>
    public IReadOnlyList<string> Alive()
    {
        lock (_gate)
        {
            return [.. _pages.Where(entry => entry.Page.TryGetTarget(out _)).Select(entry => entry.Url)];
        }
    }
}
