using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// The ids already announced (or recorded by a baseline), per site, in <c>seen_watches.json</c> (SITES.md §6) and
/// its companion <c>&lt;name&gt;.meta.json</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each site keeps at most <c>maxPerSite</c> ids ordered by when each was last on the dealer's page
/// (<see cref="MarkSeen"/>, <see cref="Touch"/>); going over the cap drops the id gone longest, never one still
/// listed (the reference kept an arbitrary subset, §7.1). Call <see cref="Touch"/> with a page's ids before
/// <see cref="MarkSeen"/> for its new ones.
/// </para>
/// <para>
/// The seen file is the authority for membership and keeps the reference's format, so a reference file imports as
/// is and the file can go back to the reference. The companion holds what the reference file cannot: per site an
/// array, least recently seen first, of <c>{"id", "lastSeen" (UTC ISO 8601, absent for imported ids), "url",
/// "price", "currency"}</c> under <c>{"version": 1, "sites": {…}}</c>, written without whitespace. Ids in the seen
/// file but not in the companion count as oldest; companion entries whose id is not in the seen file are dropped.
/// </para>
/// <para>Thread-safe: one lock per site, so sites scanned concurrently do not contend.</para>
/// </remarks>
public sealed partial class SeenStore : IDisposable
{
    public const int DefaultMaxPerSite = 10_000;

    private const int CompanionVersion = 1;

    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText LastSeenName = JsonEncodedText.Encode("lastSeen");
    private static readonly JsonEncodedText UrlName = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText PriceName = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText CurrencyName = JsonEncodedText.Encode("currency");

    private readonly string _path;
    private readonly string _companionPath;
    private readonly int _maxPerSite;
    private readonly AtomicFileWriter _writer;
    private readonly StateFileQuarantine _quarantine;
    private readonly ILogger<SeenStore> _logger;
    private readonly Lock _sitesGate = new();
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private Dictionary<string, SeenSite> _sites = new(StringComparer.Ordinal);
    private List<string> _siteOrder = [];

    // One snapshot buffer per site, reused by every save (guarded by _saveGate). Rented arrays stayed cached in
    // ArrayPool.Shared, one per thread that ever saved: at 10,000 ids per site about ten 1 MB arrays, never released.
    private SeenRecord[][] _snapshotBuffers = [];

    /// <param name="path">The seen file, e.g. <c>seen_watches.json</c> (SEEN_WATCHES_FILE).</param>
    /// <param name="writer">Writes both files atomically.</param>
    /// <param name="quarantine">Moves an unreadable file aside.</param>
    /// <param name="logger">Logs loads, trims and quarantines.</param>
    /// <param name="maxPerSite">Ids kept per site (MAX_SEEN_ITEMS_PER_SITE); default 10,000.</param>
    public SeenStore(string path, AtomicFileWriter writer, StateFileQuarantine quarantine, ILogger<SeenStore> logger, int maxPerSite = DefaultMaxPerSite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSite, 1);
        _path = Path.GetFullPath(path);
        _companionPath = CompanionPathFor(_path);
        _maxPerSite = maxPerSite;
        _writer = writer;
        _quarantine = quarantine;
        _logger = logger;
    }

    public string FilePath => _path;

    /// <summary>The companion file: the seen file's name without <c>.json</c>, plus <c>.meta.json</c>.</summary>
    public string CompanionFilePath => _companionPath;

    public int MaxPerSite => _maxPerSite;

    public int TotalCount => Sum(static site => site.Count);

    /// <summary>Entries of the URL index (at most <see cref="TotalCount"/>), for memory health.</summary>
    public int UrlIndexCount => Sum(static site => site.UrlCount);

    public static string CompanionPathFor(string seenFilePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seenFilePath);
        var stem = seenFilePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? seenFilePath[..^".json".Length] : seenFilePath;
        return stem + ".meta.json";
    }

    /// <summary>
    /// Reads both files, replacing what the store held. A missing or empty seen file means no site has state; an
    /// unreadable one is quarantined and also means no site has state. Sites above the cap are trimmed.
    /// </summary>
    public async Task<SeenLoadResult> LoadAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sites = new Dictionary<string, SeenSite>(StringComparer.Ordinal);
            var order = new List<string>();
            string? quarantinedPath = null;
            try
            {
                using var reader = JsonFileReader.Open(_path);
                if (reader is not null)
                {
                    ReadSeen(reader, sites, order);
                }
            }
            catch (Exception exception) when (StateJson.IsCorruption(exception))
            {
                sites.Clear();
                order.Clear();
                quarantinedPath = await _quarantine.QuarantineAsync(
                    _path, exception.Message, "Every site starts with a silent baseline: the listings online now are recorded without alerts.", cancellationToken).ConfigureAwait(false);
            }

            var companionWasCorrupt = await ApplyCompanionAsync(sites, cancellationToken).ConfigureAwait(false);
            var trimmed = 0;
            foreach (var key in order)
            {
                var removed = sites[key].TrimTo(_maxPerSite);
                if (removed > 0)
                {
                    Log.TrimmedOnLoad(_logger, removed, key, _maxPerSite);
                    trimmed += removed;
                }
            }

            lock (_sitesGate)
            {
                _sites = sites;
                _siteOrder = order;
            }

            Log.Loaded(_logger, TotalCount, order.Count, _path);
            return new SeenLoadResult(order.ToHashSet(StringComparer.Ordinal), quarantinedPath is not null, quarantinedPath, companionWasCorrupt, trimmed);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>True when the site has a key in the seen file or has been recorded since: no baseline needed.</summary>
    public bool HasState(string site)
    {
        lock (_sitesGate)
        {
            return _sites.ContainsKey(site);
        }
    }

    public bool IsSeen(string site, string id)
    {
        if (Find(site) is not { } state)
        {
            return false;
        }

        lock (state.Gate)
        {
            return state.Contains(id);
        }
    }

    /// <summary>
    /// Records <paramref name="id"/> as on the page at <paramref name="now"/> with this URL and price, adding it or
    /// refreshing it; over the cap, the site's least recently seen id is dropped.
    /// </summary>
    public void MarkSeen(string site, string id, string url, decimal? price, string? currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(url);
        var state = GetOrAdd(site);
        lock (state.Gate)
        {
            state.MarkSeen(id, url, price, currency, now);
            state.TrimTo(_maxPerSite);
        }
    }

    /// <summary>
    /// Refreshes the recency of the ids still on the site's page; unknown ids are ignored. Also records that the
    /// site has state, so a page that was empty at baseline does not trigger another baseline.
    /// </summary>
    /// <returns>How many of the ids were known.</returns>
    public int Touch(string site, IEnumerable<string> ids, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var state = GetOrAdd(site);
        var touched = 0;
        lock (state.Gate)
        {
            foreach (var id in ids)
            {
                if (state.Touch(id, now))
                {
                    touched++;
                }
            }
        }

        return touched;
    }

    /// <summary>The id and price last seen at this URL, to tell a price change from a new watch; null when unknown.</summary>
    public SeenPrice? LastKnownPriceForUrl(string site, string url)
    {
        if (Find(site) is not { } state)
        {
            return null;
        }

        lock (state.Gate)
        {
            return state.LastKnownPrice(url);
        }
    }

    /// <summary>Drops each site's least recently seen ids until at most <paramref name="maxPerSite"/> remain.</summary>
    /// <returns>How many ids were dropped.</returns>
    public int Trim(int maxPerSite)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSite, 0);
        var removed = 0;
        foreach (var state in SitesInOrder())
        {
            lock (state.Site.Gate)
            {
                removed += state.Site.TrimTo(maxPerSite);
            }
        }

        return removed;
    }

    public int CountFor(string site)
    {
        if (Find(site) is not { } state)
        {
            return 0;
        }

        lock (state.Gate)
        {
            return state.Count;
        }
    }

    public IReadOnlyDictionary<string, int> CountsBySite()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, site) in SitesInOrder())
        {
            lock (site.Gate)
            {
                counts[key] = site.Count;
            }
        }

        return counts;
    }

    /// <summary>Writes the seen file (reference format) and then the companion, each atomically and streamed.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SiteSnapshot[] snapshot = [];
        try
        {
            snapshot = TakeSnapshot();
            await _writer.WriteAsync(_path, (stream, ct) => WriteSeenAsync(stream, snapshot, ct), cancellationToken).ConfigureAwait(false);
            await _writer.WriteAsync(_companionPath, (stream, ct) => WriteCompanionAsync(stream, snapshot, ct), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var site in snapshot)
            {
                // Kept for the next save, but holding no ids or URLs alive until then.
                Array.Clear(site.Records, 0, site.Count);
            }

            _saveGate.Release();
        }
    }

    public void Dispose() => _saveGate.Dispose();

    private static void ReadSeen(JsonFileReader reader, Dictionary<string, SeenSite> sites, List<string> order)
    {
        reader.ReadExpecting(JsonTokenType.StartObject, "the seen file");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            if (!sites.TryGetValue(key, out var site))
            {
                site = new SeenSite();
                sites.Add(key, site);
                order.Add(key);
            }

            reader.ReadExpecting(JsonTokenType.StartArray, $"site '{key}'");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                site.AddUnobserved(ReadId(reader, $"an id of site '{key}'"));
            }
        }

        ExpectEnd(reader);
    }

    private async Task<bool> ApplyCompanionAsync(Dictionary<string, SeenSite> sites, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = JsonFileReader.Open(_companionPath);
            if (reader is null)
            {
                return false;
            }

            var dropped = ReadCompanion(reader, sites);
            if (dropped > 0)
            {
                Log.CompanionEntriesDropped(_logger, dropped, _companionPath);
            }

            return false;
        }
        catch (Exception exception) when (StateJson.IsCorruption(exception))
        {
            await _quarantine.QuarantineAsync(
                _companionPath, exception.Message, "Seen ids are intact; they count as least recently seen until the dealers' pages list them again.", cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <returns>How many entries were dropped because their id is not in the seen file.</returns>
    private static int ReadCompanion(JsonFileReader reader, Dictionary<string, SeenSite> sites)
    {
        var dropped = 0;
        var version = 0;
        var sawSites = false;
        reader.ReadExpecting(JsonTokenType.StartObject, "the companion file");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("version"u8))
            {
                reader.ReadExpecting(JsonTokenType.Number, "'version'");
                version = reader.GetNullableDecimal("version") is { } number && decimal.IsInteger(number) ? (int)number : -1;
            }
            else if (reader.ValueTextEquals("sites"u8))
            {
                // Written after the version, so a file of another version is refused before any of it is applied.
                if (version != CompanionVersion)
                {
                    throw StateJson.Shape($"unsupported version, expected {CompanionVersion}");
                }

                sawSites = true;
                dropped += ReadCompanionSites(reader, sites);
            }
            else
            {
                reader.Skip();
            }
        }

        ExpectEnd(reader);
        return sawSites ? dropped : throw StateJson.Shape("'sites' is missing");
    }

    private static int ReadCompanionSites(JsonFileReader reader, Dictionary<string, SeenSite> sites)
    {
        var dropped = 0;
        reader.ReadExpecting(JsonTokenType.StartObject, "'sites'");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            var site = sites.GetValueOrDefault(key);
            reader.ReadExpecting(JsonTokenType.StartArray, $"site '{key}'");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw StateJson.Shape($"an entry of site '{key}' is {reader.TokenType}, expected StartObject");
                }

                var record = ReadRecord(reader);
                if (site is null || !site.Restore(record))
                {
                    dropped++;
                }
            }
        }

        return dropped;
    }

    private static SeenRecord ReadRecord(JsonFileReader reader)
    {
        SeenId? id = null;
        DateTimeOffset? lastSeen = null;
        byte[]? url = null;
        decimal? price = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ReadId(reader, "'id'");
            }
            else if (reader.ValueTextEquals("lastSeen"u8))
            {
                reader.Read();
                lastSeen = reader.GetUtcTime("lastSeen");
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                reader.Read();
                url = reader.TokenType == JsonTokenType.Null ? null
                    : reader.TokenType != JsonTokenType.String ? throw StateJson.Shape("'url' is not a string")
                    : reader.ValueIsEscaped ? Utf8TextComparer.Encode(reader.GetString()) : reader.ValueSpan.ToArray();
            }
            else if (reader.ValueTextEquals("price"u8))
            {
                reader.Read();
                price = reader.GetNullableDecimal("price");
            }
            else if (reader.ValueTextEquals("currency"u8))
            {
                reader.Read();
                currency = reader.GetNullableString("currency");
            }
            else
            {
                reader.Skip();
            }
        }

        return new SeenRecord(id ?? throw StateJson.Shape("'id' is missing"), lastSeen, url, price, currency);
    }

    private static SeenId ReadId(JsonFileReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw StateJson.Shape($"{what} is {reader.TokenType}, expected String");
        }

        return reader.ValueIsEscaped ? SeenId.From(reader.GetString()) : SeenId.FromUtf8(reader.ValueSpan);
    }

    private static void ExpectEnd(JsonFileReader reader)
    {
        // Reading past the root makes the tokenizer check that nothing but whitespace follows it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Depth != 0 || reader.Read())
        {
            throw StateJson.Shape("the file does not end after its top-level object");
        }
    }

    private static async Task WriteSeenAsync(Stream stream, SiteSnapshot[] snapshot, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, StateJson.Indented);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            foreach (var site in snapshot)
            {
                writer.WriteStartArray(site.Key);
                for (var i = 0; i < site.Count; i++)
                {
                    site.Records[i].Id.WriteTo(writer);
                    await StateJson.FlushIfFullAsync(writer, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteCompanionAsync(Stream stream, SiteSnapshot[] snapshot, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, StateJson.Compact);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CompanionVersion);
            writer.WriteStartObject("sites");
            foreach (var site in snapshot)
            {
                writer.WriteStartArray(site.Key);
                for (var i = 0; i < site.Count; i++)
                {
                    WriteRecord(writer, site.Records[i]);
                    await StateJson.FlushIfFullAsync(writer, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteRecord(Utf8JsonWriter writer, SeenRecord record)
    {
        writer.WriteStartObject();
        record.Id.WriteTo(writer, IdName);
        if (record.LastSeen is { } lastSeen)
        {
            writer.WriteString(LastSeenName, lastSeen.UtcDateTime);
        }

        if (record.Url is not null)
        {
            writer.WriteString(UrlName, record.Url);
        }

        if (record.Price is { } price)
        {
            writer.WriteNumber(PriceName, price);
        }

        if (record.Currency is not null)
        {
            writer.WriteString(CurrencyName, record.Currency);
        }

        writer.WriteEndObject();
    }

    private SiteSnapshot[] TakeSnapshot()
    {
        var sites = SitesInOrder();
        var snapshot = new SiteSnapshot[sites.Length];
        if (_snapshotBuffers.Length < sites.Length)
        {
            Array.Resize(ref _snapshotBuffers, sites.Length);
        }

        for (var i = 0; i < sites.Length; i++)
        {
            var (key, site) = sites[i];
            lock (site.Gate)
            {
                var records = _snapshotBuffers[i] ??= [];
                if (records.Length < site.Count)
                {
                    // Doubling, capped at the per-site limit: a full site's buffer is exactly that size.
                    records = _snapshotBuffers[i] = new SeenRecord[Math.Max(site.Count, Math.Min(_maxPerSite, records.Length * 2))];
                }

                snapshot[i] = new SiteSnapshot(key, records, site.CopyTo(records));
            }
        }

        return snapshot;
    }

    private (string Key, SeenSite Site)[] SitesInOrder()
    {
        lock (_sitesGate)
        {
            var sites = new (string, SeenSite)[_siteOrder.Count];
            for (var i = 0; i < sites.Length; i++)
            {
                sites[i] = (_siteOrder[i], _sites[_siteOrder[i]]);
            }

            return sites;
        }
    }

    private int Sum(Func<SeenSite, int> count)
    {
        var total = 0;
        foreach (var (_, site) in SitesInOrder())
        {
            lock (site.Gate)
            {
                total += count(site);
            }
        }

        return total;
    }

    private SeenSite? Find(string site)
    {
        lock (_sitesGate)
        {
            return _sites.GetValueOrDefault(site);
        }
    }

    private SeenSite GetOrAdd(string site)
    {
        ArgumentException.ThrowIfNullOrEmpty(site);
        lock (_sitesGate)
        {
            if (!_sites.TryGetValue(site, out var state))
            {
                state = new SeenSite();
                _sites.Add(site, state);
                _siteOrder.Add(site);
            }

            return state;
        }
    }

    private readonly record struct SiteSnapshot(string Key, SeenRecord[] Records, int Count);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {IdCount} seen ids for {SiteCount} sites from {Path}.")]
        public static partial void Loaded(ILogger logger, int idCount, int siteCount, string path);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the {Removed} least recently seen ids of {Site} to keep {MaxPerSite} (MAX_SEEN_ITEMS_PER_SITE); ids without recency (imported from a reference file) go first.")]
        public static partial void TrimmedOnLoad(ILogger logger, int removed, string site, int maxPerSite);

        [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Dropped} entries of {Path} whose ids are no longer in the seen file.")]
        public static partial void CompanionEntriesDropped(ILogger logger, int dropped, string path);
    }
}
