using System.Data;

namespace WatchMonitor.State;

/// <summary>The latest seen listings with their prices and what became of their alerts (<c>watchmon listings</c>).</summary>
public sealed class ListingQuery(StateDatabase database)
{
    private const string Sql = """
        SELECT l.site, l.id, l.title, l.url, l.price, l.currency, l.first_seen, l.last_seen, l.removed_at, l.last_price, l.alert, l.image,
            (SELECT count(*) FROM price_history p WHERE p.site = l.site AND p.listing_id = l.id),
            EXISTS (SELECT 1 FROM delivery d WHERE d.site = l.site AND d.listing_id = l.id),
            EXISTS (SELECT 1 FROM outbox o WHERE o.site = l.site AND o.composite_id = l.id),
            EXISTS (SELECT 1 FROM dead_letter x WHERE x.site = l.site AND x.composite_id = l.id)
        FROM listing l
        WHERE (@site IS NULL OR l.site = @site) AND coalesce(l.first_seen, 0) >= @since
            AND (@text IS NULL OR lower(l.title) LIKE lower(@text) ESCAPE '\' OR lower(l.brand) LIKE lower(@text) ESCAPE '\'
                OR lower(l.reference) LIKE lower(@text) ESCAPE '\')
        ORDER BY l.first_seen DESC NULLS LAST, l.seq DESC
        LIMIT @limit;
        """;

    private const string PriceSql = "SELECT old_price, new_price, at FROM price_history WHERE site = @site AND listing_id = @id ORDER BY seq;";

    /// <summary>Newest first by first seen; <paramref name="text"/> (case-insensitive) must occur in the title, brand or reference.</summary>
    public IReadOnlyList<ListingRow> Latest(string? siteKey, DateTimeOffset? since, int limit, string? text = null) => database.Read(connection =>
    {
        using var command = SqlValues.Command(connection, null, Sql);
        command.Declare("@site", DbType.String).Value = SqlValues.Text(siteKey);
        command.Declare("@text", DbType.String).Value = string.IsNullOrWhiteSpace(text) ? DBNull.Value : "%" + EscapeLike(text.Trim()) + "%";
        command.Bind("@since", since is { } start ? start.UtcTicks : 0L);
        command.Bind("@limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<ListingRow>();
        while (reader.Read())
        {
            var alert = SqlValues.ReadText(reader, 10);
            var status = reader.GetBoolean(13) ? "delivered"
                : reader.GetBoolean(14) ? "queued"
                : reader.GetBoolean(15) ? "dead letter"
                : alert == "queued" ? "delivered"
                : alert ?? "seen";
            rows.Add(new ListingRow(
                reader.GetString(0), reader.GetString(1), SqlValues.ReadText(reader, 2), SqlValues.ReadText(reader, 3),
                SqlValues.ReadPrice(reader, 4), SqlValues.ReadText(reader, 5), SqlValues.ReadTime(reader, 6), SqlValues.ReadTime(reader, 7),
                SqlValues.ReadTime(reader, 8), SqlValues.ReadPrice(reader, 9), SqlValues.ReadInt(reader, 12), status, SqlValues.ReadText(reader, 11)));
        }

        return (IReadOnlyList<ListingRow>)rows;
    });

    /// <summary>The listing's prices oldest first: the first recorded, then each change, ending with the current one.</summary>
    public IReadOnlyList<PricePoint> PriceHistory(ListingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.PriceChanges == 0)
        {
            return row.Price is { } price && row.FirstSeen is { } seen ? [new PricePoint(seen, price)] : [];
        }

        return database.Read(connection =>
        {
            using var command = SqlValues.Command(connection, null, PriceSql);
            command.Bind("@site", row.SiteKey);
            command.Bind("@id", row.CompositeId);
            using var reader = command.ExecuteReader();
            var points = new List<PricePoint>();
            while (reader.Read())
            {
                var at = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero);
                if (points.Count == 0 && SqlValues.ReadPrice(reader, 0) is { } first)
                {
                    points.Add(new PricePoint(row.FirstSeen ?? at, first));
                }

                if (SqlValues.ReadPrice(reader, 1) is { } changed)
                {
                    points.Add(new PricePoint(at, changed));
                }
            }

            return (IReadOnlyList<PricePoint>)points;
        });
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>A listing's price from <see cref="At"/> on.</summary>
public readonly record struct PricePoint(DateTimeOffset At, decimal Price);

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
    string Alert,
    string? ImageUrl = null);
