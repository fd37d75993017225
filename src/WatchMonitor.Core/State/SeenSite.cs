namespace WatchMonitor.State;

/// <summary>
/// One site's seen ids in recency order (least recently on the dealer's page first), with the URL and price each
/// was last seen with and an index from URL to the most recent id for it. Trimming drops from the old end, and
/// the URL index only points at live entries, so both stay bounded together. Not thread-safe: lock <see cref="Gate"/>.
/// </summary>
/// <remarks>
/// Ids are kept as <see cref="SeenId"/> and URLs as UTF-8: at the cap of 10,000 ids on six sites this holds about
/// 60,000 ids and URLs for months, and strings took twice the memory.
/// </remarks>
internal sealed class SeenSite
{
    private readonly Dictionary<SeenId, Entry> _byId = [];
    private readonly Dictionary<byte[], Entry> _byUrl = new(Utf8TextComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<char>> _byUrlText;
    private Entry? _oldest;
    private Entry? _newest;

    public SeenSite() => _byUrlText = _byUrl.GetAlternateLookup<ReadOnlySpan<char>>();

    public Lock Gate { get; } = new();

    public int Count => _byId.Count;

    public int UrlCount => _byUrl.Count;

    public bool Contains(string id) => _byId.ContainsKey(SeenId.From(id));

    /// <summary>Adds an id known only from the seen file (no recency, URL or price) as the newest entry.</summary>
    public void AddUnobserved(SeenId id)
    {
        if (!_byId.ContainsKey(id))
        {
            var entry = new Entry(id);
            _byId.Add(id, entry);
            LinkNewest(entry);
        }
    }

    /// <summary>Applies a companion record to an id already present and makes it the newest; false when absent.</summary>
    public bool Restore(in SeenRecord record)
    {
        if (!_byId.TryGetValue(record.Id, out var entry))
        {
            return false;
        }

        var url = record.Url is { } read && _byUrl.TryGetValue(read, out var holder) ? holder.Url : record.Url;
        Update(entry, record.LastSeen, url, record.Price, record.Currency);
        return true;
    }

    public void MarkSeen(string id, string url, decimal? price, string? currency, DateTimeOffset now)
    {
        var key = SeenId.From(id);
        if (!_byId.TryGetValue(key, out var entry))
        {
            entry = new Entry(key);
            _byId.Add(key, entry);
            LinkNewest(entry);
        }

        Update(entry, now, KeyFor(url), price, currency);
    }

    public bool Touch(string id, DateTimeOffset now)
    {
        if (!_byId.TryGetValue(SeenId.From(id), out var entry))
        {
            return false;
        }

        Update(entry, now, entry.Url, entry.Price, entry.Currency);
        return true;
    }

    public SeenPrice? LastKnownPrice(string url) =>
        _byUrlText.TryGetValue(url, out var entry) ? new SeenPrice(entry.Id.ToString(), entry.Price, entry.Currency) : null;

    /// <summary>Drops the least recently seen ids until at most <paramref name="max"/> remain.</summary>
    public int TrimTo(int max)
    {
        var removed = 0;
        while (_byId.Count > max && _oldest is { } oldest)
        {
            Unlink(oldest);
            _byId.Remove(oldest.Id);
            if (oldest.Url is { } url && _byUrl.TryGetValue(url, out var indexed) && ReferenceEquals(indexed, oldest))
            {
                _byUrl.Remove(url);
            }

            removed++;
        }

        return removed;
    }

    /// <summary>Copies the entries oldest first into <paramref name="buffer"/>, which holds at least <see cref="Count"/>.</summary>
    public int CopyTo(SeenRecord[] buffer)
    {
        var count = 0;
        for (var entry = _oldest; entry is not null; entry = entry.Newer)
        {
            buffer[count++] = new SeenRecord(entry.Id, entry.LastSeen, entry.Url, entry.Price, entry.Currency);
        }

        return count;
    }

    /// <summary>The URL as the index holds it: the held copy when the URL is known, so each URL is kept once.</summary>
    public byte[] KeyFor(string url) =>
        _byUrlText.TryGetValue(url, out var held, out _) ? held : Utf8TextComparer.Encode(url);

    private void Update(Entry entry, DateTimeOffset? lastSeen, byte[]? url, decimal? price, string? currency)
    {
        // One currency string, not one per id and per parse: the page parsed this cycle brings equal copies.
        currency = currency is null ? null : string.IsInterned(currency) ?? currency;
        if (entry.Url is { } oldUrl && !Utf8TextComparer.Instance.Equals(oldUrl, url)
            && _byUrl.TryGetValue(oldUrl, out var indexed) && ReferenceEquals(indexed, entry))
        {
            _byUrl.Remove(oldUrl);
        }

        entry.LastSeen = lastSeen;
        entry.Url = url;
        entry.Price = price;
        entry.Currency = currency;
        if (url is not null)
        {
            _byUrl[url] = entry;
        }

        if (!ReferenceEquals(entry, _newest))
        {
            Unlink(entry);
            LinkNewest(entry);
        }
    }

    private void LinkNewest(Entry entry)
    {
        entry.Older = _newest;
        entry.Newer = null;
        if (_newest is null)
        {
            _oldest = entry;
        }
        else
        {
            _newest.Newer = entry;
        }

        _newest = entry;
    }

    private void Unlink(Entry entry)
    {
        if (entry.Older is null)
        {
            _oldest = entry.Newer;
        }
        else
        {
            entry.Older.Newer = entry.Newer;
        }

        if (entry.Newer is null)
        {
            _newest = entry.Older;
        }
        else
        {
            entry.Newer.Older = entry.Older;
        }

        entry.Older = null;
        entry.Newer = null;
    }

    private sealed class Entry(SeenId id)
    {
        public SeenId Id { get; } = id;

        // UTC ticks, 0 for an id imported without recency: 8 bytes instead of a nullable DateTimeOffset's 24.
        private long _lastSeenTicks;

        public DateTimeOffset? LastSeen
        {
            get => _lastSeenTicks == 0 ? null : new DateTimeOffset(_lastSeenTicks, TimeSpan.Zero);
            set => _lastSeenTicks = value?.UtcTicks ?? 0;
        }

        public byte[]? Url { get; set; }

        public decimal? Price { get; set; }

        public string? Currency { get; set; }

        public Entry? Older { get; set; }

        public Entry? Newer { get; set; }
    }
}

/// <summary>One seen id as the companion file stores it.</summary>
internal readonly record struct SeenRecord(SeenId Id, DateTimeOffset? LastSeen, byte[]? Url, decimal? Price, string? Currency);

/// <summary>What a site's page last showed for a URL: the id it had then and its price (null: no price, e.g. on request).</summary>
public readonly record struct SeenPrice(string CompositeId, decimal? Price, string? Currency);
