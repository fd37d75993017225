using WatchMonitor.FakeSites;

namespace WatchMonitor.CrashTests.Shared;

/// <summary>
/// New arrivals on the fake dealers between kills. To keep pages short one older listing goes for each, but only one
/// already alerted (or listed before the monitor started), so every listing created stays listed until it is alerted.
/// </summary>
internal sealed class ListingChurn
{
    private readonly FakeSitesServer _server;
    private readonly Random _random;
    private readonly AlertLedger _ledger;
    private readonly Action<string> _log;
    private readonly List<CreatedListing> _created = [];
    private readonly Dictionary<string, Queue<int>> _removable = new(StringComparer.Ordinal);
    private int _nextPrice;

    public ListingChurn(FakeSitesServer server, Random random, AlertLedger ledger, Action<string> log)
    {
        _server = server;
        _random = random;
        _ledger = ledger;
        _log = log;
        foreach (var site in server.Sites)
        {
            _removable[site.Key] = new Queue<int>(site.Listings.Select(listing => listing.Id).Reverse());
        }
    }

    public IReadOnlyList<CreatedListing> Created => _created;

    /// <summary>Listings added that the adapters skip by design (no alert is owed for them).</summary>
    public int NotAlertable { get; private set; }

    /// <summary>Adds one or two listings, on random sites, before kill number <paramref name="nextKill"/>.</summary>
    public void AddArrivals(int nextKill)
    {
        var sites = _server.Sites;
        var count = 1 + _random.Next(2);
        for (var i = 0; i < count; i++)
        {
            var site = sites[_random.Next(sites.Count)];
            // A new watch modelled on one listed, at a price no listing had: the composite id (brand, model,
            // reference, price, year, material; the Python monitor's format) is then new. Two listings equal in all of
            // these are one watch to the monitor, as to the Python monitor: the second is never alerted, by design.
            var model = site.Listings[_random.Next(site.Listings.Count)];
            var listing = site.Add(model with { Price = 20_000m + (_nextPrice++ * 10m), ListPrice = null, Sold = false });
            var url = _server.ExpectListing(site.Key, listing)?.Url;
            if (url is null)
            {
                NotAlertable++;
                _removable[site.Key].Enqueue(listing.Id);
                continue;
            }

            _created.Add(new CreatedListing(site.Key, listing.Id, url, nextKill));
            _log($"added {site.Key} listing {listing.Id}: {url}");
            if (_removable[site.Key].TryDequeue(out var old))
            {
                site.Remove(old);
            }
        }

        var alerted = _ledger.AlertedUrls();
        foreach (var created in _created.Where(created => !created.Retired && alerted.ContainsKey(created.Url)))
        {
            created.Retired = true;
            _removable[created.SiteKey].Enqueue(created.Id);
        }
    }
}
