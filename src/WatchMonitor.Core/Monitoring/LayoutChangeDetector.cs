namespace WatchMonitor.Monitoring;

/// <summary>A change of a site's suspected-layout-change flag, reported once when it happens.</summary>
public enum LayoutChangeTransition
{
    None,
    Flagged,
    Cleared,
}

/// <summary>What one successful scan did to a site's flag.</summary>
/// <param name="SiteKey">The site.</param>
/// <param name="Transition">Flagged or Cleared exactly once per change; None otherwise.</param>
/// <param name="ListingCount">Listings the scan found.</param>
/// <param name="TypicalCount">Median of the site's recent normal counts; 0 without history.</param>
/// <param name="LowCycles">Successful scans in a row with too few listings.</param>
public readonly record struct LayoutChangeResult(
    string SiteKey,
    LayoutChangeTransition Transition,
    int ListingCount,
    double TypicalCount,
    int LowCycles);

/// <summary>
/// Spots a dealer that changed its page: it still loads, but the parser finds no listings, or far fewer than usual,
/// for several cycles in a row. Per site it keeps a bounded window of recent normal listing counts. A count is low
/// when it is 0, or below <c>LowRatio</c> of the window's median while that median is at least
/// <c>MinimumTypicalCount</c> (so a dealer with 3 watches dropping to 1 is not flagged). After
/// <c>ConsecutiveLowCycles</c> low counts in a row the site is flagged; the next normal count clears it. Failed
/// fetches neither count nor reset the streak: an unreachable site is a failure, not a layout change. A lasting
/// genuine drop (a dealer listing a quarter of its usual stock) therefore stays flagged until counts recover or the
/// monitor restarts, which starts the windows afresh. Thread-safe; memory is fixed per site.
/// </summary>
public sealed class LayoutChangeDetector
{
    public const int DefaultWindowSize = 10;
    public const int DefaultConsecutiveLowCycles = 3;
    public const double DefaultLowRatio = 0.25;
    public const double DefaultMinimumTypicalCount = 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SiteWindow> _sites = new(StringComparer.Ordinal);
    private readonly int _windowSize;
    private readonly int _consecutiveLowCycles;
    private readonly double _lowRatio;
    private readonly double _minimumTypicalCount;

    public LayoutChangeDetector()
        : this(DefaultWindowSize, DefaultConsecutiveLowCycles, DefaultLowRatio, DefaultMinimumTypicalCount)
    {
    }

    public LayoutChangeDetector(int windowSize, int consecutiveLowCycles, double lowRatio, double minimumTypicalCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveLowCycles, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(lowRatio);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumTypicalCount);
        _windowSize = windowSize;
        _consecutiveLowCycles = consecutiveLowCycles;
        _lowRatio = lowRatio;
        _minimumTypicalCount = minimumTypicalCount;
    }

    /// <summary>Records a scan whose page loaded and parsed, with the number of listings it found.</summary>
    public LayoutChangeResult RecordSuccess(string siteKey, int listingCount)
    {
        ArgumentNullException.ThrowIfNull(siteKey);
        ArgumentOutOfRangeException.ThrowIfNegative(listingCount);
        lock (_gate)
        {
            var site = Site(siteKey);
            var typical = site.Median();
            var low = listingCount == 0 || (typical >= _minimumTypicalCount && listingCount < typical * _lowRatio);
            var transition = LayoutChangeTransition.None;
            if (low)
            {
                // Low counts stay out of the window: otherwise a broken parser's output would become the new normal
                // and the flag would clear itself while the page is still broken.
                site.LowCycles++;
                if (!site.Flagged && site.LowCycles >= _consecutiveLowCycles)
                {
                    site.Flagged = true;
                    transition = LayoutChangeTransition.Flagged;
                }
            }
            else
            {
                site.LowCycles = 0;
                site.Add(listingCount, _windowSize);
                if (site.Flagged)
                {
                    site.Flagged = false;
                    transition = LayoutChangeTransition.Cleared;
                }
            }

            return new LayoutChangeResult(siteKey, transition, listingCount, typical, site.LowCycles);
        }
    }

    /// <summary>Records a failed fetch or parse: it changes nothing (see the class remarks).</summary>
    public LayoutChangeResult RecordFailure(string siteKey)
    {
        ArgumentNullException.ThrowIfNull(siteKey);
        lock (_gate)
        {
            var site = Site(siteKey);
            return new LayoutChangeResult(siteKey, LayoutChangeTransition.None, 0, site.Median(), site.LowCycles);
        }
    }

    public bool IsSuspected(string siteKey)
    {
        lock (_gate)
        {
            return _sites.TryGetValue(siteKey, out var site) && site.Flagged;
        }
    }

    private SiteWindow Site(string siteKey)
    {
        if (!_sites.TryGetValue(siteKey, out var site))
        {
            site = new SiteWindow(_windowSize);
            _sites[siteKey] = site;
        }

        return site;
    }

    private sealed class SiteWindow(int capacity)
    {
        private readonly Queue<int> _counts = new(capacity);
        private readonly int[] _sorted = new int[capacity];

        public int LowCycles { get; set; }

        public bool Flagged { get; set; }

        public void Add(int count, int capacity)
        {
            if (_counts.Count == capacity)
            {
                _counts.Dequeue();
            }

            _counts.Enqueue(count);
        }

        public double Median()
        {
            var n = _counts.Count;
            if (n == 0)
            {
                return 0;
            }

            _counts.CopyTo(_sorted, 0);
            Array.Sort(_sorted, 0, n);
            return n % 2 == 1 ? _sorted[n / 2] : (_sorted[(n / 2) - 1] + _sorted[n / 2]) / 2.0;
        }
    }
}
