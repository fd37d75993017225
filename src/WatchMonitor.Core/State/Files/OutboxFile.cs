using System.Text.Json;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.State;

/// <summary>
/// <c>outbox.json</c> of earlier versions: <c>{"version":1,"entries":[{id, site, compositeId, kind, embed,
/// enqueuedAt, attempts, nextAttemptAt}]}</c>, oldest first. Read once, for import into the site's queue.
/// </summary>
internal static class OutboxFile
{
    private const int FileVersion = 1;

    /// <summary>The entries, oldest first, duplicates dropped; null when the file is missing or empty.</summary>
    /// <exception cref="JsonException">The file is not an outbox.</exception>
    public static async Task<List<ImportedOutboxEntry>?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using var document = await StateJson.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var root = StateJson.Expect(document.RootElement, JsonValueKind.Object, "the outbox");
        if (StateJson.GetInt(root, "version") != FileVersion)
        {
            throw StateJson.Shape($"unsupported version, expected {FileVersion}");
        }

        if (!root.TryGetProperty("entries", out var entries))
        {
            throw StateJson.Shape("'entries' is missing");
        }

        var read = new List<ImportedOutboxEntry>();
        foreach (var element in StateJson.Expect(entries, JsonValueKind.Array, "'entries'").EnumerateArray())
        {
            StateJson.Expect(element, JsonValueKind.Object, "an entry");
            var kind = StateJson.GetRequiredString(element, "kind");
            read.Add(new ImportedOutboxEntry(
                StateJson.GetRequiredString(element, "id"),
                StateJson.GetRequiredString(element, "site"),
                StateJson.GetString(element, "compositeId") ?? "",
                Enum.TryParse<NotificationKind>(kind, out var parsed) ? parsed : throw StateJson.Shape($"'kind' {kind} is not NewListing, PriceChange, LayoutAlert or Digest"),
                StateJson.GetRequiredString(element, "embed"),
                StateJson.GetUtcTime(element, "enqueuedAt"),
                StateJson.GetInt(element, "attempts"),
                StateJson.GetUtcTime(element, "nextAttemptAt")));
        }

        return [.. read.DistinctBy(entry => entry.Id, StringComparer.Ordinal)];
    }
}

/// <summary>One entry of an imported <c>outbox.json</c>.</summary>
internal sealed record ImportedOutboxEntry(
    string Id, string SiteKey, string CompositeId, NotificationKind Kind, string EmbedJson, DateTimeOffset EnqueuedAt, int Attempts, DateTimeOffset NextAttemptAt);
