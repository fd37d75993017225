using WatchMonitor.Demo.Listings;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;

namespace WatchMonitor.Soak.Workload;

/// <summary>
/// Changes the fake dealers between cycles, as busy shops do, and tells the <see cref="NotificationLedger"/> which
/// alerts each change must cause: per site and cycle, re-prices, removals and new listings; now and then one site
/// fails every listing request for a cycle. In a scale run (<see cref="SoakOptions.Dealers"/>) the counts are per cycle
/// over all dealers instead, each change going to the next dealer in turn, as a few real dealers list a few watches.
/// </summary>
/// <remarks>
/// Every listing and every re-price gets a price its site never showed before. The composite id includes the price,
/// so each change is a new id the monitor cannot have seen: generated listings alone repeat ids (22 models, prices in
/// steps of 50), and an alert the monitor rightly skips would count as lost. Only listings the monitor has seen
/// in a successful scan are removed or re-priced, so no change goes by unseen; a failing site is left alone.
/// </remarks>
internal sealed class ChurnWorkload
{
    private const decimal FirstPrice = 1_000m;

    private readonly FakeSitesServer _server;
    private readonly SoakOptions _options;
    private readonly NotificationLedger _ledger;
    private readonly Random _random;
    private readonly Dictionary<string, SiteState> _sites;
    private int _nextDealer;

    /// <param name="sites">The dealers the monitor watches; the built-in ones among them have prefilled state.</param>
    public ChurnWorkload(FakeSitesServer server, IReadOnlyList<FakeSite> sites, SoakOptions options, NotificationLedger ledger)
    {
        _server = server;
        _options = options;
        _ledger = ledger;
        _random = new Random(options.Seed);
        var prefilled = server.Sites.Select(site => site.Key).ToHashSet(StringComparer.Ordinal);
        _sites = sites.ToDictionary(site => site.Key, site => new SiteState(site) { HasState = !options.Fresh && prefilled.Contains(site.Key) }, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> SiteKeys => _sites.Keys;

    public long ListingsAdded { get; private set; }

    public long Repriced { get; private set; }

    public long Removed { get; private set; }

    public long SiteFailures { get; private set; }

    /// <summary>Fills every site with its starting listings; they are alerts only where the monitor already has state (else its baseline).</summary>
    public void Populate()
    {
        foreach (var state in _sites.Values)
        {
            for (var i = 0; i < _options.ListingsPerSite; i++)
            {
                var listing = state.Site.Add(NewListing(state));
                state.Unobserved.Add(listing.Id);
                if (state.HasState)
                {
                    Expect(state, listing);
                }
            }
        }
    }

    /// <summary>Changes the sites before <paramref name="cycle"/>; returns the site made to fail in it, if any.</summary>
    public string? BeforeCycle(long cycle)
    {
        var failing = FailingSite(cycle);
        if (failing is not null)
        {
            _server.Faults.Add(FaultRoute.Listing, Fault.Status(500), failing);
            _server.Faults.Add(FaultRoute.ProductsJson, Fault.Status(500), failing);
        }

        if (_options.ScaleRun)
        {
            SpreadChanges(failing);
            return failing;
        }

        foreach (var (key, state) in _sites)
        {
            if (key != failing)
            {
                Change(state, _options.Reprices, _options.EffectiveRemovals, _options.Churn);
            }
        }

        return failing;
    }

    /// <summary>Ends the injected failure; what the sites that were scanned successfully showed is now seen.</summary>
    public void AfterCycle(string? failing, IReadOnlyCollection<string> failedSites)
    {
        if (failing is not null)
        {
            _server.Faults.Clear(FaultRoute.Listing, failing);
            _server.Faults.Clear(FaultRoute.ProductsJson, failing);
            SiteFailures++;
        }

        foreach (var (key, state) in _sites)
        {
            if (!failedSites.Contains(key))
            {
                state.Unobserved.Clear();
                state.HasState = true;
            }
        }
    }

    private string? FailingSite(long cycle)
    {
        if (_options.FailEvery == 0 || cycle % _options.FailEvery != 0)
        {
            return null;
        }

        var keys = _server.Sites;
        return keys[(int)((cycle / _options.FailEvery) % keys.Count)].Key;
    }

    /// <summary>
    /// Each re-price, and each new listing with its removal, goes to the next dealer in turn; only dealers the monitor
    /// has state of take part, since a first scan is a silent baseline and a change in it would never be alerted.
    /// </summary>
    private void SpreadChanges(string? failing)
    {
        var eligible = _sites.Values.Where(state => state.HasState && state.Site.Key != failing).ToList();
        if (eligible.Count == 0)
        {
            return;
        }

        SiteState Next() => eligible[_nextDealer++ % eligible.Count];
        for (var i = 0; i < _options.Reprices; i++)
        {
            Change(Next(), reprices: 1, removals: 0, additions: 0);
        }

        for (var i = 0; i < Math.Max(_options.Churn, _options.EffectiveRemovals); i++)
        {
            Change(Next(), reprices: 0, removals: i < _options.EffectiveRemovals ? 1 : 0, additions: i < _options.Churn ? 1 : 0);
        }
    }

    private void Change(SiteState state, int reprices, int removals, int additions)
    {
        var observed = state.Site.Listings.Where(listing => !state.Unobserved.Contains(listing.Id)).ToList();
        for (var i = 0; i < reprices && observed.Count > 0; i++)
        {
            var listing = Take(observed);
            var repriced = state.Site.Reprice(listing.Id, state.NextPrice())!;
            state.Unobserved.Add(repriced.Id);
            Expect(state, repriced);
            Repriced++;
        }

        for (var i = 0; i < removals && observed.Count > 0; i++)
        {
            state.Site.Remove(Take(observed).Id);
            Removed++;
        }

        for (var i = 0; i < additions; i++)
        {
            var listing = state.Site.Add(NewListing(state));
            state.Unobserved.Add(listing.Id);
            Expect(state, listing);
            ListingsAdded++;
        }
    }

    private FakeListing NewListing(SiteState state) => ListingGenerator.Create(0, _random) with { Price = state.NextPrice() };

    private FakeListing Take(List<FakeListing> candidates)
    {
        var index = _random.Next(candidates.Count);
        var listing = candidates[index];
        candidates[index] = candidates[^1];
        candidates.RemoveAt(candidates.Count - 1);
        return listing;
    }

    private void Expect(SiteState state, FakeListing listing) =>
        _ledger.Expect(_server.ExpectListing(state.Site.Key, listing)?.Url
            ?? throw new InvalidOperationException($"{state.Site.Key} would not show listing {listing.Id}; the workload only makes listings every site shows."));

    private sealed class SiteState(FakeSite site)
    {
        private decimal _lastPrice = FirstPrice;

        public FakeSite Site { get; } = site;

        /// <summary>Whether the monitor has state of the site (prefilled, or scanned once), so changes are alerts.</summary>
        public bool HasState { get; set; }

        /// <summary>Listings added or changed since the site's last successful scan.</summary>
        public HashSet<int> Unobserved { get; } = [];

        public decimal NextPrice() => ++_lastPrice;
    }
}
