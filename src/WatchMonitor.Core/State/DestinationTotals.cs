namespace WatchMonitor.State;

/// <summary>What the state database holds for one destination key: alerts it delivered, messages queued, dead letters.</summary>
public sealed record DestinationTotals(long Delivered, long Queued, long DeadLetters)
{
    public static DestinationTotals None { get; } = new(0, 0, 0);

    /// <summary>Per destination key; one grouped query per table, so the size is bounded by the destinations in the database.</summary>
    public static IReadOnlyDictionary<string, DestinationTotals> Read(StateDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Read(connection =>
        {
            var totals = new Dictionary<string, DestinationTotals>(StringComparer.Ordinal);
            foreach (var (table, pick) in new (string, Func<DestinationTotals, long, DestinationTotals>)[]
            {
                ("delivery", (found, count) => found with { Delivered = count }),
                ("outbox", (found, count) => found with { Queued = count }),
                ("dead_letter", (found, count) => found with { DeadLetters = count }),
            })
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT destination, COUNT(*) FROM {table} GROUP BY destination;";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var key = reader.GetString(0);
                    totals[key] = pick(totals.GetValueOrDefault(key, None), reader.GetInt64(1));
                }
            }

            return totals;
        });
    }
}
