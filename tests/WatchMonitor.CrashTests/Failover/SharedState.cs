using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace WatchMonitor.CrashTests.Failover;

/// <summary>
/// Reads the instances' shared PostgreSQL state with its own SQL, as an operator with psql would: who holds which
/// site, which messages are queued and who claimed them, what has been seen (docs/scaling.md).
/// </summary>
internal sealed class SharedState(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>Every site_lease row; <see cref="SiteLease.ExpiresAt"/> in UTC ticks, as stored.</summary>
    public async Task<IReadOnlyList<SiteLease>> LeasesAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT site, holder, expires_at FROM site_lease ORDER BY site;",
            reader => new SiteLease(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> InstancesAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT name FROM instance;", reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);

    /// <summary>Queued messages with the URL of their listing and the instance that claimed them for delivery.</summary>
    public async Task<IReadOnlyList<ClaimedMessage>> OutboxAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, site, payload, claimed_by FROM outbox ORDER BY id;",
            reader => new ClaimedMessage(reader.GetInt64(0), reader.GetString(1), UrlOf(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3)),
            cancellationToken).ConfigureAwait(false);

    public async Task<int> ScannedSitesAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT count(*) FROM site;", reader => Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<int> SessionsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT count(*) FROM session;", reader => Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Every seen id as "site:id", and the detail URLs of seen listings.</summary>
    public async Task<(HashSet<string> Ids, HashSet<string> Urls)> SeenAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("SELECT site, id, url FROM listing;",
            reader => (Id: reader.GetString(0) + ":" + reader.GetString(1), Url: reader.IsDBNull(2) ? null : reader.GetString(2)), cancellationToken).ConfigureAwait(false);
        return (rows.Select(row => row.Id).ToHashSet(StringComparer.Ordinal), rows.Select(row => row.Url).OfType<string>().ToHashSet(StringComparer.Ordinal));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // Before the first instance has migrated the new database its tables do not exist: nothing there yet.
    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
        {
            rows.Clear();
        }

        return rows;
    }

    // An event keeps the URL in its listing; an embed of an earlier version at its root.
    private static string? UrlOf(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement.TryGetProperty("listing", out var listing) ? listing : document.RootElement;
            return root.TryGetProperty("url", out var url) ? url.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A site's lease: held by <see cref="Holder"/> until <see cref="ExpiresAt"/> (UTC ticks).</summary>
internal sealed record SiteLease(string Site, string Holder, long ExpiresAt)
{
    public bool HeldBy(IReadOnlySet<string> live, long nowTicks) => ExpiresAt > nowTicks && live.Contains(Holder);
}

/// <summary>A queued message; <see cref="ClaimedBy"/> is the instance sending it (or that last did).</summary>
internal sealed record ClaimedMessage(long Id, string Site, string? Url, string? ClaimedBy);
