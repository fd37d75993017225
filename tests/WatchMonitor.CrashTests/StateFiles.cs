using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace WatchMonitor.CrashTests;

/// <summary>
/// Reads the monitor's state database the way a user with the sqlite3 shell (or the next start) would, with its own
/// SQL rather than the product's readers: it must open, pass <c>PRAGMA integrity_check</c> and hold the documented
/// tables (docs/state-files.md).
/// </summary>
internal sealed class StateFiles(string directory)
{
    public string Directory { get; } = directory;

    public string DatabaseFile => Path.Combine(Directory, "watchmon.db");

    public string SeenFile => Path.Combine(Directory, "seen_watches.json");

    public string HistoryFile => Path.Combine(Directory, "session_history.json");

    public string OutboxFile => Path.Combine(Directory, "outbox.json");

    /// <summary>Opens and checks the database; problems are returned, not thrown.</summary>
    public StateSnapshot Read()
    {
        var problems = new List<string>();
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var sessions = 0;
        var outbox = new List<PendingMessage>();
        var seenUrls = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(DatabaseFile))
        {
            return new StateSnapshot(0, problems, seen, sessions, outbox, seenUrls);
        }

        try
        {
            // Read-write, as the next start opens it: SQLite then recovers the WAL a kill left behind.
            using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
            connection.Open();
            var check = Query(connection, "PRAGMA integrity_check;", reader => reader.GetString(0));
            if (check is not ["ok"])
            {
                problems.Add($"watchmon.db fails PRAGMA integrity_check: {string.Join("; ", check)}");
            }

            foreach (var key in Query(connection, "SELECT key FROM site;", reader => reader.GetString(0)))
            {
                seen[key] = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var (site, id, url) in Query(connection, "SELECT site, id, url FROM listing;", reader => (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))))
            {
                if (!seen.TryGetValue(site, out var ids))
                {
                    problems.Add($"listing {id} of {site}, a site without a row in site");
                    seen[site] = ids = new HashSet<string>(StringComparer.Ordinal);
                }

                ids.Add(id);
                if (url is not null)
                {
                    seenUrls.Add(url);
                }
            }

            sessions = Query(connection, "SELECT count(*) FROM session;", reader => reader.GetInt32(0))[0];
            foreach (var (id, site, kind, payload) in Query(connection, "SELECT id, site, kind, payload FROM outbox ORDER BY id;", reader => (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))))
            {
                using var embed = JsonDocument.Parse(payload);
                // An event keeps the URL in its listing; an embed of an earlier version at its root.
                var root = embed.RootElement.TryGetProperty("listing", out var listing) ? listing : embed.RootElement;
                var url = root.TryGetProperty("url", out var value) ? value.GetString() : null;
                outbox.Add(new PendingMessage(id.ToString(System.Globalization.CultureInfo.InvariantCulture), site, kind, url));
            }
        }
        catch (Exception exception) when (exception is SqliteException or JsonException or InvalidOperationException)
        {
            problems.Add($"watchmon.db cannot be read: {exception.Message}");
        }

        return new StateSnapshot(1, problems, seen, sessions, outbox, seenUrls);
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
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
