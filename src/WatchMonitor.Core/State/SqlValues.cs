using System.Data;
using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace WatchMonitor.State;

/// <summary>How the database stores values: times as UTC ticks, prices as invariant decimal text (so 4200.00 stays 4200.00).</summary>
internal static class SqlValues
{
    public static object Time(DateTimeOffset value) => value.UtcTicks;

    public static object Time(DateTimeOffset? value) => value is { } time ? time.UtcTicks : DBNull.Value;

    public static object Price(decimal? value) => value is { } price ? price.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Text(string? value) => (object?)value ?? DBNull.Value;

    public static DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static decimal? ReadPrice(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : decimal.Parse(reader.GetString(ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);

    public static string? ReadText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A count or other integer whatever width the engine returns it in (SQLite: long; PostgreSQL: int or bigint).</summary>
    public static int ReadInt(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds <c>@name</c> with its value; a null goes untyped, so the server infers its type from where it is used.</summary>
    public static DbParameter Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Adds <c>@name</c> of a fixed type, for a command run many times with new values.</summary>
    public static DbParameter Declare(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>A subquery of the strings of the JSON array in <paramref name="parameter"/>, in the connection's dialect.</summary>
    public static string JsonTextValues(DbConnection connection, string parameter) => connection is NpgsqlConnection
        ? $"SELECT value FROM json_array_elements_text(CAST({parameter} AS json)) AS value"
        : $"SELECT value FROM json_each({parameter})";
}
