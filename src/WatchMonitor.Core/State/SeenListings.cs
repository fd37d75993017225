using System.Text;
using System.Text.Json;
using System.Data;
using System.Data.Common;

namespace WatchMonitor.State;

/// <summary>
/// The seen listings of every site, in the <c>listing</c> table: indexed lookups for the scanner and one transaction
/// per scan that records the page, the new listings and their messages together.
/// </summary>
/// <remarks>
/// Each site keeps at most <c>MAX_SEEN_ITEMS_PER_SITE</c> rows; going over drops the rows gone from the page longest
/// (least recent <c>last_seen</c>, ids imported without one first), never a row on the page just scanned. A row
/// still listed is rewritten only when something of it changed or its <c>last_seen</c> is older than
/// <see cref="TouchInterval"/>: refreshing every listed row every cycle rewrote pages of three indexes for nothing.
/// </remarks>
public sealed class SeenListings(StateDatabase database, SqliteOutbox outbox, int maxPerSite)
{
    /// <summary>How stale a still-listed row's <c>last_seen</c> may get before a scan refreshes it.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromHours(1);

    private const string UpsertStillListed = """
        INSERT INTO price_history (site, listing_id, old_price, new_price, currency, at)
            SELECT site, id, price, @price, @currency, @now FROM listing
            WHERE site = @site AND id = @id AND price IS NOT NULL AND @price IS NOT NULL AND CAST(price AS DOUBLE PRECISION) <> CAST(@price AS DOUBLE PRECISION);
        INSERT INTO listing (site, id, legacy_id, url, title, brand, model, reference, price, currency, image, first_seen, last_seen, alert)
            VALUES (@site, @id, @legacy, @url, @title, @brand, @model, @reference, @price, @currency, @image, @now, @now, 'seen')
            ON CONFLICT (site, id) DO UPDATE SET
                legacy_id = coalesce(excluded.legacy_id, listing.legacy_id), url = excluded.url,
                title = coalesce(excluded.title, listing.title), brand = coalesce(excluded.brand, listing.brand), model = coalesce(excluded.model, listing.model),
                reference = coalesce(excluded.reference, listing.reference), image = coalesce(excluded.image, listing.image),
                last_price = CASE WHEN listing.price IS NOT NULL AND excluded.price IS NOT NULL
                    AND CAST(listing.price AS DOUBLE PRECISION) <> CAST(excluded.price AS DOUBLE PRECISION) THEN listing.price ELSE listing.last_price END,
                price = excluded.price, currency = excluded.currency, first_seen = coalesce(listing.first_seen, excluded.first_seen),
                last_seen = excluded.last_seen, removed_at = NULL
            WHERE listing.last_seen IS NULL OR listing.last_seen < @touchBefore OR listing.removed_at IS NOT NULL
                OR listing.url IS DISTINCT FROM excluded.url OR listing.price IS DISTINCT FROM excluded.price OR listing.currency IS DISTINCT FROM excluded.currency
                OR listing.title IS DISTINCT FROM coalesce(excluded.title, listing.title) OR listing.image IS DISTINCT FROM coalesce(excluded.image, listing.image)
                OR listing.legacy_id IS DISTINCT FROM coalesce(excluded.legacy_id, listing.legacy_id);
        UPDATE listing SET last_seen = @now, removed_at = NULL
            WHERE @legacy IS NOT NULL AND site = @site AND id = @legacy AND (last_seen IS NULL OR last_seen < @touchBefore OR removed_at IS NOT NULL);
        """;

    private const string InsertAddedSql = """
        INSERT INTO listing (site, id, legacy_id, url, title, brand, model, reference, price, currency, image, first_seen, last_seen, last_price, alert)
            VALUES (@site, @id, @legacy, @url, @title, @brand, @model, @reference, @price, @currency, @image, @now, @now, @previous, @alert)
            ON CONFLICT (site, id) DO UPDATE SET
                url = excluded.url, price = excluded.price, currency = excluded.currency, last_seen = excluded.last_seen,
                removed_at = NULL, alert = excluded.alert;
        INSERT INTO price_history (site, listing_id, old_price, new_price, currency, at)
            SELECT @site, @id, @previous, @price, @currency, @now WHERE @previous IS NOT NULL;
        """;

    public int MaxPerSite => maxPerSite;

    /// <summary>True when the site was scanned before (or imported): no baseline needed.</summary>
    public bool HasState(string siteKey) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, "SELECT 1 FROM site WHERE key = @site;");
        command.Bind("@site", siteKey);
        return command.ExecuteScalar() is not null;
    });

    /// <summary>Which of <paramref name="ids"/> the site has seen: one indexed query for a whole page.</summary>
    public IReadOnlySet<string> FindSeen(string siteKey, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var json = ToJsonArray(ids);
        return database.Read(connection =>
        {
            using var command = SqlValues.Command(connection, null, $"SELECT id FROM listing WHERE site = @site AND id IN ({SqlValues.JsonTextValues(connection, "@ids")});");
            command.Bind("@site", siteKey);
            command.Bind("@ids", json);
            using var reader = command.ExecuteReader();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                seen.Add(reader.GetString(0));
            }

            return seen;
        });
    }

    public bool IsSeen(string siteKey, string id) => FindSeen(siteKey, [id]).Count > 0;

    /// <summary>The id and price last seen at this URL, to tell a price change from a new watch; null when unknown.</summary>
    public SeenPrice? LastKnownPriceForUrl(string siteKey, string url) => database.Read<SeenPrice?>(connection =>
    {
        using var command = SqlValues.Command(connection, null,
            "SELECT id, price, currency FROM listing WHERE site = @site AND url = @url ORDER BY last_seen DESC NULLS LAST, seq DESC LIMIT 1;");
        command.Bind("@site", siteKey);
        command.Bind("@url", url);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new SeenPrice(reader.GetString(0), SqlValues.ReadPrice(reader, 1), SqlValues.ReadText(reader, 2)) : null;
    });

    public int CountFor(string siteKey) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, "SELECT count(*) FROM listing WHERE site = @site;");
        command.Bind("@site", siteKey);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    public int TotalCount => database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT count(*) FROM listing;"));

    /// <summary>
    /// Records the scan in one durable transaction: the site has state, still-listed rows are refreshed, new ones
    /// inserted with their messages (a listing whose destination queue is full is left out, so it is offered
    /// again), rows that left the page get <c>removed_at</c>, and the site is trimmed to its cap.
    /// </summary>
    /// <exception cref="SiteLeaseLostException">The commit's lease check failed; nothing was recorded.</exception>
    public ScanCommitResult Commit(ScanCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var page = ToJsonArray(commit.StillListed.SelectMany(KnownIds).Concat(commit.Added.Select(added => added.Listing).SelectMany(KnownIds)));
        return database.Write((connection, transaction) =>
        {
            if (commit.StillHeld is { } stillHeld && !stillHeld(connection, transaction))
            {
                throw new SiteLeaseLostException(commit.SiteKey);
            }

            var now = SqlValues.Time(commit.Now);
            using (var site = SqlValues.Command(connection, transaction, "INSERT INTO site (key, first_scanned_at) VALUES (@site, @now) ON CONFLICT (key) DO NOTHING;"))
            {
                site.Bind("@site", commit.SiteKey);
                site.Bind("@now", now);
                site.ExecuteNonQuery();
            }

            if (commit.StillListed.Count > 0)
            {
                using var command = ListingCommand(connection, transaction, UpsertStillListed, commit.SiteKey, now);
                command.Bind("@touchBefore", (commit.Now - TouchInterval).UtcTicks);
                foreach (var listing in commit.StillListed)
                {
                    Bind(command, listing);
                    command.ExecuteNonQuery();
                }
            }

            var (queued, refused) = InsertAdded(connection, transaction, commit, now);
            using (var removed = SqlValues.Command(connection, transaction,
                $"UPDATE listing SET removed_at = @now WHERE site = @site AND removed_at IS NULL AND id NOT IN ({SqlValues.JsonTextValues(connection, "@page")});"))
            {
                removed.Bind("@site", commit.SiteKey);
                removed.Bind("@now", now);
                removed.Bind("@page", page);
                removed.ExecuteNonQuery();
            }

            var trimmed = TrimSite(connection, transaction, commit.SiteKey, maxPerSite, page);
            return new ScanCommitResult(queued, refused, trimmed);
        });
    }

    /// <summary>Drops each site's rows gone longest until at most <paramref name="cap"/> remain.</summary>
    /// <returns>How many rows were dropped.</returns>
    public int Trim(int cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 0);
        return database.Write((connection, transaction) =>
        {
            var sites = new List<string>();
            using (var command = SqlValues.Command(connection, transaction, "SELECT key FROM site ORDER BY seq;"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    sites.Add(reader.GetString(0));
                }
            }

            return sites.Sum(site => TrimSite(connection, transaction, site, cap, "[]"));
        });
    }

    /// <param name="page">The ids on the page just scanned, as a JSON array: never dropped.</param>
    internal static int TrimSite(DbConnection connection, DbTransaction transaction, string siteKey, int cap, string page)
    {
        using var count = SqlValues.Command(connection, transaction, "SELECT count(*) FROM listing WHERE site = @site;");
        count.Bind("@site", siteKey);
        var excess = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) - cap;
        if (excess <= 0)
        {
            return 0;
        }

        using var delete = SqlValues.Command(connection, transaction, $"""
            DELETE FROM listing WHERE seq IN (
                SELECT seq FROM listing WHERE site = @site AND id NOT IN ({SqlValues.JsonTextValues(connection, "@page")})
                ORDER BY last_seen NULLS FIRST, seq LIMIT @excess);
            """);
        delete.Bind("@site", siteKey);
        delete.Bind("@page", page);
        delete.Bind("@excess", excess);
        return delete.ExecuteNonQuery();
    }

    private (int Queued, int Refused) InsertAdded(DbConnection connection, DbTransaction transaction, ScanCommit commit, object now)
    {
        if (commit.Added.Count == 0)
        {
            return (0, 0);
        }

        var room = new Dictionary<string, int>(StringComparer.Ordinal);
        var queued = 0;
        var refused = 0;
        using var command = ListingCommand(connection, transaction, InsertAddedSql, commit.SiteKey, now);
        var alert = command.Declare("@alert", DbType.String);
        var previous = command.Declare("@previous", DbType.String);
        foreach (var added in commit.Added)
        {
            var fits = true;
            foreach (var message in added.Messages ?? [])
            {
                if (!room.TryGetValue(message.DestinationKey, out var left))
                {
                    left = outbox.Room(connection, transaction, message.DestinationKey);
                }

                if (left <= 0)
                {
                    // The others are queued all the same; offered again, it is queued only where it is still missing.
                    room[message.DestinationKey] = 0;
                    fits = false;
                    continue;
                }

                if (SqliteOutbox.Insert(connection, transaction, message, commit.Now))
                {
                    room[message.DestinationKey] = left - 1;
                    queued++;
                }
            }

            foreach (var digest in added.Digests)
            {
                DigestEntries.Add(connection, transaction, digest, commit.Now);
            }

            if (!fits)
            {
                refused++;
                continue;
            }

            if (added.Held)
            {
                continue;
            }

            Bind(command, added.Listing);
            alert.Value = added.Alert;
            previous.Value = SqlValues.Price(added.PreviousPrice);
            command.ExecuteNonQuery();
        }

        return (queued, refused);
    }

    private static DbCommand ListingCommand(DbConnection connection, DbTransaction transaction, string sql, string siteKey, object now)
    {
        var command = SqlValues.Command(connection, transaction, sql);
        command.Bind("@site", siteKey);
        command.Bind("@now", now);
        foreach (var name in (string[])["@id", "@legacy", "@url", "@title", "@brand", "@model", "@reference", "@price", "@currency", "@image"])
        {
            command.Declare(name, DbType.String);
        }

        return command;
    }

    private static void Bind(DbCommand command, ListingRecord listing)
    {
        var parameters = command.Parameters;
        parameters["@id"].Value = listing.CompositeId;
        parameters["@legacy"].Value = SqlValues.Text(listing.LegacyId);
        parameters["@url"].Value = listing.Url;
        parameters["@title"].Value = SqlValues.Text(listing.Title);
        parameters["@brand"].Value = SqlValues.Text(listing.Brand);
        parameters["@model"].Value = SqlValues.Text(listing.Model);
        parameters["@reference"].Value = SqlValues.Text(listing.Reference);
        parameters["@price"].Value = SqlValues.Price(listing.Price);
        parameters["@currency"].Value = SqlValues.Text(listing.Currency);
        parameters["@image"].Value = SqlValues.Text(listing.ImageUrl);
    }

    private static IEnumerable<string> KnownIds(ListingRecord listing) =>
        listing.LegacyId is { } legacy ? [listing.CompositeId, legacy] : [listing.CompositeId];

    private static string ToJsonArray(IEnumerable<string> ids)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
