using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WatchMonitor.State;

/// <summary>How the database stores values: times as UTC ticks, prices as invariant decimal text (so 4200.00 stays 4200.00).</summary>
internal static class SqlValues
{
    public static object Time(DateTimeOffset value) => value.UtcTicks;

    public static object Time(DateTimeOffset? value) => value is { } time ? time.UtcTicks : DBNull.Value;

    public static object Price(decimal? value) => value is { } price ? price.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Text(string? value) => (object?)value ?? DBNull.Value;

    public static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static decimal? ReadPrice(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : decimal.Parse(reader.GetString(ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);

    public static string? ReadText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
