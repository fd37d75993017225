using WatchMonitor.Demo.Listings;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;

namespace WatchMonitor.Soak.Workload;

/// <summary>
/// Changes the fake dealers between cycles, as busy shops do, and tells the <see cref="NotificationLedger"/> which
/// alerts each change must cause: per site and cycle, re-prices, removals and new listings; now and then one site
/// fails every listing request for a cycle.
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

    public ChurnWorkload(FakeSitesServer server, SoakOptions options, NotificationLedger ledger)
    {
        _server = server;
        _options = options;
        _ledger = ledger;
        _random = new Random(options.Seed);
        _sites = server.Sites.ToDictionary(site => site.Key, site => new SiteState(site), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> SiteKeys => _sites.Keys;

    public long ListingsAdded { get; private set; }

    public long Repriced { get; private set; }

    public long Removed { get; private set; }

    public long SiteFailures { get; private set; }

    /// <summary>Fills every site with its starting listings; they are alerts only when the monitor already has state.</summary>
    public void Populate(bool announced)
    {
        foreach (var state in _sites.Values)
        {
            for (var i = 0; i < _options.ListingsPerSite; i++)
            {
                var listing = state.Site.Add(NewListing(state));
                state.Unobserved.Add(listing.Id);
                if (announced)
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
        foreach (var (key, state) in _sites)
        {
            if (key == failing)
            {
                _server.Faults.Add(FaultRoute.Listing, Fault.Status(500), key);
                _server.Faults.Add(FaultRoute.ProductsJson, Fault.Status(500), key);
                continue;
            }

            Change(state);
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

    private void Change(SiteState state)
    {
        var observed = state.Site.Listings.Where(listing => !state.Unobserved.Contains(listing.Id)).ToList();
        for (var i = 0; i < _options.Reprices && observed.Count > 0; i++)
        {
            var listing = Take(observed);
            var repriced = state.Site.Reprice(listing.Id, state.NextPrice())!;
            state.Unobserved.Add(repriced.Id);
            Expect(state, repriced);
            Repriced++;
        }

        for (var i = 0; i < _options.EffectiveRemovals && observed.Count > 0; i++)
        {
            state.Site.Remove(Take(observed).Id);
            Removed++;
        }

        for (var i = 0; i < _options.Churn; i++)
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

        /// <summary>Listings added or changed since the site's last successful scan.</summary>
        public HashSet<int> Unobserved { get; } = [];

        public decimal NextPrice() => ++_lastPrice;
    }
}
