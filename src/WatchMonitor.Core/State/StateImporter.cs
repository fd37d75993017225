using System.Text.Json;
using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Events;

namespace WatchMonitor.State;

/// <summary>
/// Fills a new database from the JSON files of the Python monitor and of earlier versions (SEEN_WATCHES_FILE with
/// its <c>.meta.json</c> companion, SESSION_HISTORY_FILE, OUTBOX_FILE), in one transaction, leaving the files as they
/// are. Every file is read before anything is written, so a bad one imports nothing.
/// </summary>
public sealed partial class StateImporter(StateDatabase database, MonitorOptions options, TimeProvider timeProvider, ILogger<StateImporter> logger)
{
    /// <exception cref="StateFileException">A file cannot be read or is not of its format; nothing was imported.</exception>
    public async Task<StateImportCounts> ImportAsync(CancellationToken cancellationToken)
    {
        var seenPath = Path.GetFullPath(options.SeenWatchesFile);
        var companionPath = SeenFiles.CompanionPathFor(seenPath);
        var historyPath = Path.GetFullPath(options.SessionHistoryFile);
        var outboxPath = Path.GetFullPath(options.ResolvedOutboxFile);

        var seen = Parse(seenPath, () => SeenFiles.ReadSeen(seenPath));
        if (seen is not null)
        {
            var dropped = Parse(companionPath, () => (int?)SeenFiles.ApplyCompanion(seen, companionPath)) ?? 0;
            if (dropped > 0)
            {
                Log.CompanionEntriesDropped(logger, dropped, companionPath);
            }
        }

        var sessions = await ParseAsync(historyPath, () => SessionHistoryFile.ReadAsync(historyPath, timeProvider.LocalTimeZone, cancellationToken)).ConfigureAwait(false);
        var outbox = await ParseAsync(outboxPath, () => OutboxFile.ReadAsync(outboxPath, cancellationToken)).ConfigureAwait(false);
        if (seen is null && sessions is null && outbox is null)
        {
            return new StateImportCounts(0, 0, 0, 0);
        }

        var counts = database.Write((connection, transaction) => Insert(connection, transaction, seen ?? [], sessions ?? [], outbox ?? []));
        Log.Imported(logger, counts.SeenIds, counts.Sites, seenPath, counts.Sessions, historyPath, counts.Messages, outboxPath, database.Path);
        return counts;
    }

    private StateImportCounts Insert(DbConnection connection, DbTransaction transaction, List<SeenSiteContent> seen, List<ScrapingSession> sessions, List<ImportedOutboxEntry> outbox)
    {
        var seenIds = 0;
        using (var site = SqlValues.Command(connection, transaction, "INSERT INTO site (key) VALUES (@site) ON CONFLICT (key) DO NOTHING;"))
        using (var listing = SqlValues.Command(connection, transaction, """
            INSERT INTO listing (site, id, url, price, currency, first_seen, last_seen, alert)
                VALUES (@site, @id, @url, @price, @currency, @seen, @seen, 'imported')
                ON CONFLICT (site, id) DO NOTHING;
            """))
        {
            site.Declare("@site", DbType.String);
            foreach (var name in (string[])["@site", "@id", "@url", "@price", "@currency"])
            {
                listing.Declare(name, DbType.String);
            }

            listing.Declare("@seen", DbType.Int64);

            foreach (var content in seen)
            {
                site.Parameters["@site"].Value = content.Key;
                site.ExecuteNonQuery();
                listing.Parameters["@site"].Value = content.Key;
                foreach (var record in content.Records)
                {
                    listing.Parameters["@id"].Value = record.Id;
                    listing.Parameters["@url"].Value = SqlValues.Text(record.Url);
                    listing.Parameters["@price"].Value = SqlValues.Price(record.Price);
                    listing.Parameters["@currency"].Value = SqlValues.Text(record.Currency);
                    listing.Parameters["@seen"].Value = SqlValues.Time(record.LastSeen);
                    seenIds += listing.ExecuteNonQuery();
                }

                var trimmed = SeenListings.TrimSite(connection, transaction, content.Key, options.MaxSeenItemsPerSite, "[]");
                if (trimmed > 0)
                {
                    Log.Trimmed(logger, trimmed, content.Key, options.MaxSeenItemsPerSite);
                    seenIds -= trimmed;
                }
            }
        }

        foreach (var session in sessions)
        {
            SessionHistory.Insert(connection, transaction, session);
        }

        var keptSessions = SessionHistory.ApplyBounds(connection, transaction, timeProvider, options.MaxSessionHistoryEntries, options.SessionHistoryRetentionDays);
        var messages = 0;
        foreach (var entry in outbox)
        {
            var prefix = entry.SiteKey + ":";
            var dedup = entry.Id.StartsWith(prefix, StringComparison.Ordinal) ? entry.Id[prefix.Length..] : entry.Id;
            var message = new OutgoingMessage(entry.SiteKey, entry.SiteKey, entry.Kind == NotificationKind.LayoutAlert ? "" : entry.CompositeId, entry.Kind, entry.EmbedJson, dedup, NotificationEvent.LegacyDiscordEmbedFormat);
            messages += SqliteOutbox.Insert(connection, transaction, message, entry.EnqueuedAt, entry.Attempts, entry.NextAttemptAt) ? 1 : 0;
            if (entry.Kind != NotificationKind.LayoutAlert && entry.CompositeId.Length > 0)
            {
                // A crash of an earlier version between its outbox and seen-file writes left a promised listing unseen.
                MarkQueuedAsSeen(connection, transaction, entry);
            }
        }

        return new StateImportCounts(seen.Count, seenIds, sessions.Count - keptSessions, messages);
    }

    private static void MarkQueuedAsSeen(DbConnection connection, DbTransaction transaction, ImportedOutboxEntry entry)
    {
        using var command = SqlValues.Command(connection, transaction, """
            INSERT INTO site (key) VALUES (@site) ON CONFLICT (key) DO NOTHING;
            INSERT INTO listing (site, id, url, alert) VALUES (@site, @id, @url, 'queued') ON CONFLICT (site, id) DO NOTHING;
            """);
        command.Bind("@site", entry.SiteKey);
        command.Bind("@id", entry.CompositeId);
        command.Bind("@url", SqlValues.Text(UrlOf(entry.EmbedJson)));
        command.ExecuteNonQuery();
    }

    private static string? UrlOf(string embedJson)
    {
        try
        {
            using var document = JsonDocument.Parse(embedJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                ? url.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T? Parse<T>(string path, Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (StateJson.IsCorruption(exception))
        {
            throw NotImported(path, exception);
        }
    }

    private static async Task<T?> ParseAsync<T>(string path, Func<Task<T?>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception exception) when (StateJson.IsCorruption(exception) || exception is KeyNotFoundException or ArgumentException)
        {
            throw NotImported(path, exception);
        }
    }

    private static StateFileException NotImported(string path, Exception exception) => new(
        $"Cannot import {path}: {exception.Message}. Nothing was imported and the file is unchanged; the monitor does not start. "
        + "Repair the file (or restore it from a backup) and start again, or start with --skip-import to begin with an empty database (every site then takes a silent baseline).",
        exception);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Imported {SeenIds} seen ids of {Sites} sites from {SeenPath}, {Sessions} sessions from {HistoryPath} and {Messages} queued messages from {OutboxPath} into {DatabasePath}; the files are unchanged and no longer read.")]
        public static partial void Imported(ILogger logger, int seenIds, int sites, string seenPath, int sessions, string historyPath, int messages, string outboxPath, string databasePath);

        [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Dropped} entries of {Path} whose ids are not in the seen file.")]
        public static partial void CompanionEntriesDropped(ILogger logger, int dropped, string path);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the {Removed} least recently seen ids of {Site} on import to keep {MaxPerSite} (MAX_SEEN_ITEMS_PER_SITE); ids without recency go first.")]
        public static partial void Trimmed(ILogger logger, int removed, string site, int maxPerSite);
    }
}

/// <summary>What an import brought in.</summary>
public sealed record StateImportCounts(int Sites, int SeenIds, int Sessions, int Messages);
