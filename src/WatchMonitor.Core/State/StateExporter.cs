
namespace WatchMonitor.State;

/// <summary>
/// Writes the database back in the JSON formats of the Python monitor (seen file, session history) plus the seen
/// file's companion, each atomically, so a user can go back or inspect the state with jq.
/// </summary>
public sealed class StateExporter(StateDatabase database, SessionHistory history, AtomicFileWriter writer, TimeProvider timeProvider)
{
    /// <summary>Writes the seen file and, next to it, its <c>.meta.json</c> companion.</summary>
    /// <returns>Ids written.</returns>
    public async Task<int> ExportSeenAsync(string path, CancellationToken cancellationToken)
    {
        var sites = ReadSeen();
        await writer.WriteAsync(path, (stream, token) => SeenFiles.WriteSeenAsync(stream, sites, token), cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(SeenFiles.CompanionPathFor(Path.GetFullPath(path)), (stream, token) => SeenFiles.WriteCompanionAsync(stream, sites, token), cancellationToken).ConfigureAwait(false);
        return sites.Sum(site => site.Records.Count);
    }

    /// <returns>Sessions written.</returns>
    public async Task<int> ExportHistoryAsync(string path, CancellationToken cancellationToken)
    {
        var sessions = history.Sessions();
        await writer.WriteAsync(path, (stream, token) => SessionHistoryFile.WriteAsync(stream, sessions, timeProvider.LocalTimeZone, token), cancellationToken).ConfigureAwait(false);
        return sessions.Count;
    }


    private List<SeenSiteContent> ReadSeen() => database.Read(connection =>
    {
        var sites = new List<SeenSiteContent>();
        var byKey = new Dictionary<string, SeenSiteContent>(StringComparer.Ordinal);
        using (var command = SqlValues.Command(connection, null, "SELECT key FROM site ORDER BY seq;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var site = new SeenSiteContent(reader.GetString(0));
                sites.Add(site);
                byKey.Add(site.Key, site);
            }
        }

        using (var command = SqlValues.Command(connection, null,
            "SELECT site, id, last_seen, url, price, currency FROM listing ORDER BY site, last_seen NULLS FIRST, seq;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (byKey.TryGetValue(reader.GetString(0), out var site))
                {
                    site.Records.Add(new SeenFileRecord(reader.GetString(1), SqlValues.ReadTime(reader, 2), SqlValues.ReadText(reader, 3), SqlValues.ReadPrice(reader, 4), SqlValues.ReadText(reader, 5)));
                }
            }
        }

        return sites;
    });
}
