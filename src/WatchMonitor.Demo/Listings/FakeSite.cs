namespace WatchMonitor.Demo.Listings;

/// <summary>
/// The current stock of one fake dealer, newest first. Thread-safe; memory is bounded by the listing count plus a
/// fixed ring of recently removed listings (their detail pages keep working for a while, as on real shops).
/// </summary>
public sealed class FakeSite
{
    /// <summary>Most listings a site may hold; a soak test that asks for more has a bug.</summary>
    public const int MaxListings = 10_000;

    /// <summary>Removed listings whose detail pages are still served.</summary>
    public const int RemovedHistoryCapacity = 256;

    private readonly Lock _gate = new();
    private readonly List<FakeListing> _listings = [];
    private readonly Queue<FakeListing> _removed = new();
    private Random _random;
    private int _nextId = 1;
    private long _version;
    private int _pageSize;

    internal FakeSite(string key, int seed, int initialListings, int pageSize)
    {
        Key = key;
        _random = new Random(seed);
        _pageSize = pageSize;
        AddGenerated(initialListings);
    }

    public string Key { get; }

    /// <summary>Increments on every change; a page rendered at one version differs from one at another.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Listings per listing page (Rüschenbeck paginates; the other sites show everything on one page).</summary>
    public int PageSize
    {
        get
        {
            lock (_gate)
            {
                return _pageSize;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_gate)
            {
                _pageSize = value;
                Changed();
            }
        }
    }

    /// <summary>A snapshot of the current listings, newest first.</summary>
    public IReadOnlyList<FakeListing> Listings
    {
        get
        {
            lock (_gate)
            {
                return _listings.ToArray();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _listings.Count;
            }
        }
    }

    /// <summary>A current or recently removed listing, for its detail page.</summary>
    public FakeListing? Find(int id)
    {
        lock (_gate)
        {
            return _listings.Find(listing => listing.Id == id) ?? _removed.FirstOrDefault(listing => listing.Id == id);
        }
    }

    /// <summary>Adds a listing at the top. <paramref name="template"/>'s id is replaced by a fresh one.</summary>
    public FakeListing Add(FakeListing? template = null)
    {
        lock (_gate)
        {
            EnsureRoom(1);
            var id = _nextId++;
            var listing = template is null ? ListingGenerator.Create(id, _random) : template with { Id = id, Image = ImageOf(template, id) };
            _listings.Insert(0, listing);
            Changed();
            return listing;
        }
    }

    /// <summary>Adds <paramref name="count"/> generated listings at the top.</summary>
    public IReadOnlyList<FakeListing> AddGenerated(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            EnsureRoom(count);
            var added = new FakeListing[count];
            for (var i = 0; i < count; i++)
            {
                added[i] = ListingGenerator.Create(_nextId++, _random);
            }

            // The last generated is the newest, as if they arrived one after another.
            _listings.InsertRange(0, Enumerable.Reverse(added));
            Changed();
            return added;
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            var index = _listings.FindIndex(listing => listing.Id == id);
            if (index < 0)
            {
                return false;
            }

            RemoveAt(index);
            Changed();
            return true;
        }
    }

    /// <summary>Moves a listing to the top of the page, URL unchanged: a dealer re-sorting its stock.</summary>
    public bool MoveToTop(int id)
    {
        lock (_gate)
        {
            var index = _listings.FindIndex(listing => listing.Id == id);
            if (index < 0)
            {
                return false;
            }

            var listing = _listings[index];
            _listings.RemoveAt(index);
            _listings.Insert(0, listing);
            Changed();
            return true;
        }
    }

    /// <summary>Sets a new price (null = on request); the listing keeps its place and URL.</summary>
    public FakeListing? Reprice(int id, decimal? price) => Update(id, listing => listing with { Price = price });

    public FakeListing? MarkSold(int id, bool sold = true) => Update(id, listing => listing with { Sold = sold });

    /// <summary>Replaces a listing with <paramref name="change"/> applied; the id is kept.</summary>
    public FakeListing? Update(int id, Func<FakeListing, FakeListing> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var index = _listings.FindIndex(listing => listing.Id == id);
            if (index < 0)
            {
                return null;
            }

            var updated = change(_listings[index]) with { Id = id };
            _listings[index] = updated;
            Changed();
            return updated;
        }
    }

    /// <summary>
    /// Removes <paramref name="count"/> randomly chosen listings and adds as many new ones at the top: a busy
    /// dealer between two cycles. With <paramref name="seed"/> the choice comes from that seed; without it from the
    /// site's own seeded sequence, so a scenario replays identically either way.
    /// </summary>
    public ChurnResult Churn(int count, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var random = seed is { } s ? new Random(s) : _random;
            var removed = new List<int>(Math.Min(count, _listings.Count));
            for (var i = 0; i < count && _listings.Count > 0; i++)
            {
                var index = random.Next(_listings.Count);
                removed.Add(_listings[index].Id);
                RemoveAt(index);
            }

            var added = new FakeListing[count];
            for (var i = 0; i < count; i++)
            {
                added[i] = ListingGenerator.Create(_nextId++, random);
            }

            _listings.InsertRange(0, Enumerable.Reverse(added));
            Changed();
            return new ChurnResult(removed, added);
        }
    }

    /// <summary>Adds generated listings or removes the oldest until there are <paramref name="count"/>.</summary>
    public void SetListingCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxListings);
        lock (_gate)
        {
            if (count > _listings.Count)
            {
                AddGenerated(count - _listings.Count);
                return;
            }

            while (_listings.Count > count)
            {
                RemoveAt(_listings.Count - 1);
            }

            Changed();
        }
    }

    /// <summary>Back to a freshly seeded site: listings regenerated, ids restarting at 1, history dropped.</summary>
    public void Reset(int seed, int listings)
    {
        lock (_gate)
        {
            _listings.Clear();
            _removed.Clear();
            _random = new Random(seed);
            _nextId = 1;
            AddGenerated(listings);
        }
    }

    private void RemoveAt(int index)
    {
        _removed.Enqueue(_listings[index]);
        _listings.RemoveAt(index);
        if (_removed.Count > RemovedHistoryCapacity)
        {
            _removed.Dequeue();
        }
    }

    private void EnsureRoom(int adding)
    {
        if (_listings.Count + adding > MaxListings)
        {
            throw new InvalidOperationException($"Site {Key} would hold more than {MaxListings} listings; remove or churn instead of adding.");
        }
    }

    private static string ImageOf(FakeListing template, int id) =>
        string.IsNullOrEmpty(template.Image) ? $"watch-{id}.jpg" : template.Image;

    private void Changed() => Interlocked.Increment(ref _version);
}

/// <summary>What a churn did: ids removed, listings added (newest last).</summary>
public sealed record ChurnResult(IReadOnlyList<int> RemovedIds, IReadOnlyList<FakeListing> Added);
