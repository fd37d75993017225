using System.Text.Json;

namespace WatchMonitor.CrashTests;

/// <summary>
/// Reads the monitor's state files the way a user (or the next start) would, independently of the product's readers:
/// each present file must be whole, valid JSON of its documented shape (docs/state-files.md).
/// </summary>
internal sealed class StateFiles(string directory)
{
    public string Directory { get; } = directory;

    public string SeenFile => Path.Combine(Directory, "seen_watches.json");

    public string SeenMetaFile => Path.Combine(Directory, "seen_watches.meta.json");

    public string HistoryFile => Path.Combine(Directory, "session_history.json");

    public string OutboxFile => Path.Combine(Directory, "outbox.json");

    /// <summary>Parses every present state file; problems are returned, not thrown.</summary>
    public StateSnapshot Read()
    {
        var problems = new List<string>();
        var parsed = 0;
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var sessions = 0;
        var outbox = new List<PendingMessage>();
        var seenUrls = new HashSet<string>(StringComparer.Ordinal);

        Parse(SeenFile, root =>
        {
            Require(root.ValueKind == JsonValueKind.Object, "not an object");
            foreach (var site in root.EnumerateObject())
            {
                Require(site.Value.ValueKind == JsonValueKind.Array, $"site {site.Name} is not an array");
                seen[site.Name] = site.Value.EnumerateArray().Select(id => id.GetString() ?? throw new FormatException($"null id in {site.Name}")).ToHashSet(StringComparer.Ordinal);
            }
        });
        Parse(SeenMetaFile, root =>
        {
            Require(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("sites", out _), "no sites object");
            var sites = root.GetProperty("sites");
            Require(sites.ValueKind == JsonValueKind.Object, "sites is not an object");
            foreach (var site in sites.EnumerateObject())
            {
                foreach (var entry in site.Value.EnumerateArray())
                {
                    if (entry.TryGetProperty("url", out var url) && url.GetString() is { } text)
                    {
                        seenUrls.Add(text);
                    }
                }
            }
        });
        Parse(HistoryFile, root =>
        {
            Require(root.ValueKind == JsonValueKind.Array, "not an array");
            foreach (var session in root.EnumerateArray())
            {
                Require(session.TryGetProperty("session_id", out _), "a session without session_id");
                sessions++;
            }
        });
        Parse(OutboxFile, root =>
        {
            Require(root.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Array, "no entries array");
            foreach (var entry in entries.EnumerateArray())
            {
                var embedJson = entry.GetProperty("embed").GetString() ?? throw new FormatException("null embed");
                using var embed = JsonDocument.Parse(embedJson);
                var url = embed.RootElement.TryGetProperty("url", out var value) ? value.GetString() : null;
                outbox.Add(new PendingMessage(entry.GetProperty("id").GetString()!, entry.GetProperty("site").GetString()!, entry.GetProperty("kind").GetString()!, url));
            }
        });

        // A file the monitor found unreadable is moved aside as <name>.corrupt-<time>: that must never happen here.
        foreach (var quarantined in System.IO.Directory.EnumerateFiles(Directory, "*.corrupt-*"))
        {
            problems.Add($"{Path.GetFileName(quarantined)}: the monitor quarantined a state file it could not read");
        }

        return new StateSnapshot(parsed, problems, seen, sessions, outbox, seenUrls);

        void Parse(string path, Action<JsonElement> check)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (FileNotFoundException)
            {
                return;
            }

            parsed++;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                check(document.RootElement);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{Path.GetFileName(path)} ({bytes.Length} bytes) does not parse: {exception.Message}");
            }
        }
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new FormatException(problem);
        }
    }
}

/// <summary>What the state files held at one moment.</summary>
internal sealed record StateSnapshot(
    int FilesParsed,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, HashSet<string>> Seen,
    int Sessions,
    IReadOnlyList<PendingMessage> Outbox,
    IReadOnlySet<string> SeenUrls);

/// <summary>An outbox entry: <see cref="Url"/> is its embed's link, the listing's detail URL for a new listing.</summary>
internal sealed record PendingMessage(string Id, string Site, string Kind, string? Url);
