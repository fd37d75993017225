namespace WatchMonitor.State;

/// <summary>The latest seen listings with their prices and what became of their alerts (<c>watchmon listings</c>).</summary>
public sealed class ListingQuery(StateDatabase database)
{
    private const string Sql = """
        SELECT l.site, l.id, l.title, l.url, l.price, l.currency, l.first_seen, l.last_seen, l.removed_at, l.last_price, l.alert,
            (SELECT count(*) FROM price_history p WHERE p.site = l.site AND p.listing_id = l.id),
            EXISTS (SELECT 1 FROM delivery d WHERE d.site = l.site AND d.listing_id = l.id),
            EXISTS (SELECT 1 FROM outbox o WHERE o.site = l.site AND o.composite_id = l.id),
            EXISTS (SELECT 1 FROM dead_letter x WHERE x.site = l.site AND x.composite_id = l.id)
        FROM listing l
        WHERE ($site IS NULL OR l.site = $site) AND coalesce(l.first_seen, 0) >= $since
        ORDER BY l.first_seen DESC, l.seq DESC
        LIMIT $limit;
        """;

    /// <summary>Newest first by first seen.</summary>
    public IReadOnlyList<ListingRow> Latest(string? siteKey, DateTimeOffset? since, int limit) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, Sql);
        command.Parameters.AddWithValue("$site", SqlValues.Text(siteKey));
        command.Parameters.AddWithValue("$since", since is { } start ? start.UtcTicks : 0L);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<ListingRow>();
        while (reader.Read())
        {
            var alert = SqlValues.ReadText(reader, 10);
            var status = reader.GetBoolean(12) ? "delivered"
                : reader.GetBoolean(13) ? "queued"
                : reader.GetBoolean(14) ? "dead letter"
                : alert == "queued" ? "delivered"
                : alert ?? "seen";
            rows.Add(new ListingRow(
                reader.GetString(0), reader.GetString(1), SqlValues.ReadText(reader, 2), SqlValues.ReadText(reader, 3),
                SqlValues.ReadPrice(reader, 4), SqlValues.ReadText(reader, 5), SqlValues.ReadTime(reader, 6), SqlValues.ReadTime(reader, 7),
                SqlValues.ReadTime(reader, 8), SqlValues.ReadPrice(reader, 9), reader.GetInt32(11), status));
        }

        return (IReadOnlyList<ListingRow>)rows;
    });
}

/// <summary>One listing as <c>watchmon listings</c> shows it.</summary>
/// <param name="Alert">
/// delivered, queued, dead letter, baseline (recorded silently), logged (no webhook), edited (same page and price),
/// imported (from a JSON file) or seen.
/// </param>
public sealed record ListingRow(
    string SiteKey,
    string CompositeId,
    string? Title,
    string? Url,
    decimal? Price,
    string? Currency,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    DateTimeOffset? RemovedAt,
    decimal? PreviousPrice,
    int PriceChanges,
    string Alert);
