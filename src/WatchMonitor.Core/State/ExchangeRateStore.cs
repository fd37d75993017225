using System.Data;
using System.Data.Common;

namespace WatchMonitor.State;

/// <summary>The last USD→EUR rate fetched, kept across restarts so a restart does not refetch it or lose it to an outage.</summary>
public sealed class ExchangeRateStore(StateDatabase database)
{
    private const string Pair = "USD/EUR";

    public (decimal Rate, DateTimeOffset FetchedAt)? Load()
    {
        try
        {
            return database.Read<(decimal, DateTimeOffset)?>(connection =>
            {
                using var command = SqlValues.Command(connection, null, "SELECT rate, fetched_at FROM exchange_rate WHERE pair = @pair;");
                command.Bind("@pair", Pair);
                using var reader = command.ExecuteReader();
                return reader.Read() ? (SqlValues.ReadPrice(reader, 0)!.Value, SqlValues.ReadTime(reader, 1)!.Value) : null;
            });
        }
        catch (Exception exception) when (exception is DbException or StateFileException)
        {
            // A cache: without it the rate is fetched again.
            return null;
        }
    }

    public void Save(decimal rate, DateTimeOffset fetchedAt)
    {
        try
        {
            database.Write((connection, transaction) =>
            {
                using var command = SqlValues.Command(connection, transaction, """
                    INSERT INTO exchange_rate (pair, rate, fetched_at) VALUES (@pair, @rate, @at)
                        ON CONFLICT (pair) DO UPDATE SET rate = excluded.rate, fetched_at = excluded.fetched_at;
                    """);
                command.Bind("@pair", Pair);
                command.Bind("@rate", SqlValues.Price(rate));
                command.Bind("@at", SqlValues.Time(fetchedAt));
                command.ExecuteNonQuery();
            });
        }
        catch (Exception exception) when (exception is DbException or StateFileException)
        {
            // Kept in memory; the next fetch tries again.
        }
    }
}
