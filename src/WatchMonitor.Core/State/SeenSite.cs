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
            var entry = new Entry(id, lastSeen: null, url: null, price: null, currency: null);
            _byId.Add(id, entry);
            LinkNewest(entry);
        }
    }

    /// <summary>Applies a companion record to an id already present and makes it the newest; false when absent.</summary>
    public bool Restore(SeenRecord record)
    {
        if (!_byId.TryGetValue(record.Id, out var entry))
        {
            return false;
        }

        var url = record.Url is { } read && _byUrl.TryGetValue(read, out var holder) ? holder.Url : record.Url;
        Replace(entry, record.LastSeen, url, record.Price, record.Currency);
        return true;
    }

    public void MarkSeen(string id, string url, decimal? price, string? currency, DateTimeOffset now)
    {
        var key = SeenId.From(id);
        if (_byId.TryGetValue(key, out var entry))
        {
            Replace(entry, now, KeyFor(url), price, currency);
            return;
        }

        entry = new Entry(key, now, KeyFor(url), price, Intern(currency));
        _byId.Add(key, entry);
        LinkNewest(entry);
        _byUrl[entry.Url!] = entry;
    }

    public bool Touch(string id, DateTimeOffset now)
    {
        if (!_byId.TryGetValue(SeenId.From(id), out var entry))
        {
            return false;
        }

        Replace(entry, now, entry.Url, entry.Price, entry.Currency);
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

    /// <summary>
    /// Puts the records oldest first into <paramref name="buffer"/>, which holds at least <see cref="Count"/>.
    /// Records are never changed once made (a change replaces the record), so the copy is a consistent snapshot
    /// that needs no lock while it is written out, and costs a reference per id rather than a copy of each.
    /// </summary>
    public int CopyTo(SeenRecord[] buffer)
    {
        var count = 0;
        for (var entry = _oldest; entry is not null; entry = entry.Newer)
        {
            buffer[count++] = entry;
        }

        return count;
    }

    /// <summary>The URL as the index holds it: the held copy when the URL is known, so each URL is kept once.</summary>
    public byte[] KeyFor(string url) =>
        _byUrlText.TryGetValue(url, out var held, out _) ? held : Utf8TextComparer.Encode(url);

    private static string? Intern(string? currency) =>
        // One currency string, not one per id and per parse: the page parsed this cycle brings equal copies.
        currency is null ? null : string.IsInterned(currency) ?? currency;

    /// <summary>Replaces <paramref name="entry"/> by a record with these values, as the site's newest.</summary>
    private void Replace(Entry entry, DateTimeOffset? lastSeen, byte[]? url, decimal? price, string? currency)
    {
        var replacement = new Entry(entry.Id, lastSeen, url, price, Intern(currency));
        if (entry.Url is { } oldUrl && _byUrl.TryGetValue(oldUrl, out var indexed) && ReferenceEquals(indexed, entry))
        {
            _byUrl.Remove(oldUrl);
        }

        Unlink(entry);
        LinkNewest(replacement);
        _byId[entry.Id] = replacement;
        if (url is not null)
        {
            _byUrl[url] = replacement;
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

    /// <summary>A record with its place in the recency list.</summary>
    private sealed class Entry(SeenId id, DateTimeOffset? lastSeen, byte[]? url, decimal? price, string? currency)
        : SeenRecord(id, lastSeen, url, price, currency)
    {
        public Entry? Older { get; set; }

        public Entry? Newer { get; set; }
    }
}

/// <summary>One seen id with what its site's page last showed for it, as the companion file stores it. Immutable.</summary>
internal class SeenRecord(SeenId id, DateTimeOffset? lastSeen, byte[]? url, decimal? price, string? currency)
{
    // UTC ticks, 0 for an id imported without recency: 8 bytes instead of a nullable DateTimeOffset's 24.
    private readonly long _lastSeenTicks = lastSeen?.UtcTicks ?? 0;

    public SeenId Id { get; } = id;

    public DateTimeOffset? LastSeen => _lastSeenTicks == 0 ? null : new DateTimeOffset(_lastSeenTicks, TimeSpan.Zero);

    public byte[]? Url { get; } = url;

    public decimal? Price { get; } = price;

    public string? Currency { get; } = currency;
}

/// <summary>What a site's page last showed for a URL: the id it had then and its price (null: no price, e.g. on request).</summary>
public readonly record struct SeenPrice(string CompositeId, decimal? Price, string? Currency);
