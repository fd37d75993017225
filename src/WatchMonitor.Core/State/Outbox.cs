using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// Discord messages not yet delivered, persisted in <c>outbox.json</c> (next to the seen file) so that none is lost
/// to a failed post or a restart (the reference marked ids seen and dropped failed posts, §7.4).
/// </summary>
/// <remarks>
/// <para>
/// Every change is written atomically before the method returns. The monitor marks ids as notified only after
/// <see cref="EnqueueAsync"/> has returned; the notifier removes an entry only after Discord accepted it.
/// </para>
/// <para>
/// Bounded by <c>maxEntries</c> per site (each site's webhook is its own destination): when a site's share is full,
/// its new entries are refused with an error log and old ones are kept, because an old entry is a message already
/// promised. A refused listing is not marked seen, so the next cycle offers it again. Other sites are not affected.
/// </para>
/// <para>
/// File: <c>{"version": 1, "entries": [{"id", "site", "compositeId", "kind", "embed" (the embed JSON as a string),
/// "enqueuedAt", "attempts", "nextAttemptAt"}]}</c>, oldest first, times in UTC ISO 8601, two-space indent.
/// </para>
/// </remarks>
public sealed partial class Outbox : IDisposable
{
    public const int DefaultMaxEntries = 1000;

    private const int FileVersion = 1;

    private readonly string _path;
    private readonly int _maxEntries;
    private readonly AtomicFileWriter _writer;
    private readonly StateFileQuarantine _quarantine;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<Outbox> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly List<OutboxEntry> _entries = [];
    private volatile bool _unsaved;

    /// <param name="path">The outbox file, e.g. <c>outbox.json</c> next to the seen file (OUTBOX_FILE).</param>
    /// <param name="writer">Writes the file atomically.</param>
    /// <param name="quarantine">Moves an unreadable file aside.</param>
    /// <param name="timeProvider">Decides which entries are due.</param>
    /// <param name="logger">Logs refusals and quarantines.</param>
    /// <param name="maxEntries">Pending messages kept (MAX_OUTBOX_ENTRIES); default 1000.</param>
    public Outbox(string path, AtomicFileWriter writer, StateFileQuarantine quarantine, TimeProvider timeProvider, ILogger<Outbox> logger, int maxEntries = DefaultMaxEntries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _path = Path.GetFullPath(path);
        _maxEntries = maxEntries;
        _writer = writer;
        _quarantine = quarantine;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string FilePath => _path;

    public int MaxEntries => _maxEntries;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyDictionary<string, int> CountBySite()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                counts[entry.SiteKey] = counts.GetValueOrDefault(entry.SiteKey) + 1;
            }
        }

        return counts;
    }

    /// <summary>Reads the file, replacing what the outbox held; an unreadable file is quarantined and the outbox starts empty.</summary>
    public async Task<StateLoadResult> LoadAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = new List<OutboxEntry>();
            string? quarantinedPath = null;
            try
            {
                using var document = await StateJson.ReadAsync(_path, cancellationToken).ConfigureAwait(false);
                if (document is not null)
                {
                    ReadEntries(document.RootElement, loaded);
                }
            }
            catch (Exception exception) when (StateJson.IsCorruption(exception) || exception is KeyNotFoundException or ArgumentException)
            {
                loaded.Clear();
                quarantinedPath = await _quarantine.QuarantineAsync(
                    _path, exception.Message, "Pending Discord messages in it are not sent; the moved file lists them.", cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _entries.Clear();
                // Entries beyond a lowered cap are kept: each is a promised message. New ones wait until there is room.
                _entries.AddRange(loaded.DistinctBy(entry => entry.Id, StringComparer.Ordinal));
                if (_entries.Count > 0)
                {
                    Log.Pending(_logger, _entries.Count, _path);
                }

                return new StateLoadResult(_entries.Count, quarantinedPath is not null, quarantinedPath);
            }
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>
    /// Queues the entries and writes the file before returning. Entries whose id is already pending count as queued.
    /// When the outbox is full the rest are refused (error log); they are never queued in place of older entries.
    /// </summary>
    /// <returns>
    /// How many entries, from the start of <paramref name="entries"/>, are now pending; the ones after them were refused.
    /// </returns>
    /// <exception cref="IOException">The file could not be written; nothing was queued.</exception>
    public async Task<int> EnqueueAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var accepted = 0;
            var added = 0;
            OutboxEntry[] snapshot;
            lock (_gate)
            {
                var perSite = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var entry in entries)
                {
                    if (IndexOf(entry.Id) >= 0)
                    {
                        accepted++;
                        continue;
                    }

                    if (!perSite.TryGetValue(entry.SiteKey, out var queued))
                    {
                        queued = _entries.Count(pending => string.Equals(pending.SiteKey, entry.SiteKey, StringComparison.Ordinal));
                    }

                    if (queued >= _maxEntries)
                    {
                        break;
                    }

                    perSite[entry.SiteKey] = queued + 1;

                    _entries.Add(entry);
                    accepted++;
                    added++;
                }

                snapshot = [.. _entries];
            }

            if (accepted < entries.Count)
            {
                Log.Full(_logger, entries.Count - accepted, entries[accepted].SiteKey, _maxEntries);
            }

            if (added == 0)
            {
                return accepted;
            }

            try
            {
                await WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate)
                {
                    _entries.RemoveRange(_entries.Count - added, added);
                }

                throw;
            }

            return accepted;
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>Up to <paramref name="max"/> of the site's entries that are due now, oldest first.</summary>
    /// <summary>Every pending entry, due or not, oldest first (a copy).</summary>
    public IReadOnlyList<OutboxEntry> Pending()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public IReadOnlyList<OutboxEntry> PeekBatch(string siteKey, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        var now = _timeProvider.GetUtcNow();
        var batch = new List<OutboxEntry>(Math.Min(max, 16));
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (batch.Count == max)
                {
                    break;
                }

                if (string.Equals(entry.SiteKey, siteKey, StringComparison.Ordinal) && entry.NextAttemptAt <= now)
                {
                    batch.Add(entry);
                }
            }
        }

        return batch;
    }

    /// <summary>Removes delivered entries and writes the file; unknown ids are ignored.</summary>
    public async Task AcknowledgeAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await ChangeAsync(
            () => _entries.RemoveAll(entry => ids.Contains(entry.Id)) > 0,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts a failed attempt and defers the entry until <paramref name="nextAttemptAt"/>; writes the file.</summary>
    public async Task RecordFailureAsync(string id, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        await ChangeAsync(
            () =>
            {
                var index = IndexOf(id);
                if (index < 0)
                {
                    return false;
                }

                var entry = _entries[index];
                _entries[index] = entry with { Attempts = entry.Attempts + 1, NextAttemptAt = nextAttemptAt };
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _saveGate.Dispose();

    private async Task ChangeAsync(Func<bool> change, CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OutboxEntry[] snapshot;
            lock (_gate)
            {
                if (!change())
                {
                    return;
                }

                snapshot = [.. _entries];
            }

            await WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    private int IndexOf(string id) => _entries.FindIndex(entry => string.Equals(entry.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Writes the file if a change since the last successful write could not be saved (disk full, read-only
    /// directory). Without it a delivered message acknowledged only in memory would be sent again after a restart.
    /// </summary>
    public async Task SaveIfUnsavedAsync(CancellationToken cancellationToken)
    {
        if (!_unsaved)
        {
            return;
        }

        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OutboxEntry[] snapshot;
            lock (_gate)
            {
                snapshot = [.. _entries];
            }

            await WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    private async Task WriteAsync(OutboxEntry[] entries, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(_path, (stream, ct) => WriteEntriesAsync(stream, entries, ct), cancellationToken).ConfigureAwait(false);
            _unsaved = false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _unsaved = true;
            throw;
        }
    }

    private static async Task WriteEntriesAsync(Stream stream, OutboxEntry[] entries, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, StateJson.Indented);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FileVersion);
            writer.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("id", entry.Id);
                writer.WriteString("site", entry.SiteKey);
                writer.WriteString("compositeId", entry.CompositeId);
                writer.WriteString("kind", entry.Kind.ToString());
                writer.WriteString("embed", entry.EmbedJson);
                writer.WriteString("enqueuedAt", entry.EnqueuedAt.UtcDateTime);
                writer.WriteNumber("attempts", entry.Attempts);
                writer.WriteString("nextAttemptAt", entry.NextAttemptAt.UtcDateTime);
                writer.WriteEndObject();
                await StateJson.FlushIfFullAsync(writer, cancellationToken).ConfigureAwait(false);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ReadEntries(JsonElement root, List<OutboxEntry> entries)
    {
        StateJson.Expect(root, JsonValueKind.Object, "the outbox");
        if (StateJson.GetInt(root, "version") != FileVersion)
        {
            throw StateJson.Shape($"unsupported version, expected {FileVersion}");
        }

        foreach (var element in StateJson.Expect(root.GetProperty("entries"), JsonValueKind.Array, "'entries'").EnumerateArray())
        {
            StateJson.Expect(element, JsonValueKind.Object, "an entry");
            entries.Add(new OutboxEntry(
                StateJson.GetRequiredString(element, "id"),
                StateJson.GetRequiredString(element, "site"),
                StateJson.GetString(element, "compositeId") ?? "",
                Enum.Parse<OutboxEntryKind>(StateJson.GetRequiredString(element, "kind")),
                StateJson.GetRequiredString(element, "embed"),
                StateJson.GetUtcTime(element, "enqueuedAt"),
                StateJson.GetInt(element, "attempts"),
                StateJson.GetUtcTime(element, "nextAttemptAt")));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "The outbox is full for {Site} ({MaxEntries} pending Discord messages, MAX_OUTBOX_ENTRIES per webhook); refused {Refused} new messages. The monitor does not mark them seen, so they are offered again next cycle; other sites are not affected. Check that site's webhook: its messages are not being delivered.")]
        public static partial void Full(ILogger logger, int refused, string site, int maxEntries);

        [LoggerMessage(Level = LogLevel.Information, Message = "{EntryCount} Discord messages are pending in {Path}; they are delivered as they fall due.")]
        public static partial void Pending(ILogger logger, int entryCount, string path);
    }
}
