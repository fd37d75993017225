using System.Data.Common;
using System.Globalization;

namespace WatchMonitor.State;

/// <summary>
/// Copies one table's rows into the target inside the caller's transaction. A row whose key the target already has is
/// left alone (never overwritten); a row keeps its id unless the target already uses that id for another row.
/// </summary>
internal static class TableCopier
{
    public static TableImport Copy(DbConnection source, DbConnection target, DbTransaction transaction, StateTable table, StateProvider targetProvider)
    {
        var targetWasEmpty = StateDatabase.Scalar<long>(target, $"SELECT COUNT(*) FROM {table.Name};", transaction) == 0;
        if (table.IdColumn is { } idColumn)
        {
            // A row whose id the target already uses gets a new one, which must follow the ids already there.
            targetProvider.ContinueIdentity(target, transaction, table.Name, idColumn);
        }

        using var select = SqlValues.Command(source, null, table.IdColumn is { } id ? $"SELECT * FROM {table.Name} ORDER BY {id};" : $"SELECT * FROM {table.Name};");
        using var reader = select.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var idOrdinal = table.IdColumn is null ? -1 : Array.IndexOf(columns, table.IdColumn);
        var keyOrdinals = table.KeyColumns.Select(key => Array.IndexOf(columns, key)).ToArray();

        using var insert = SqlValues.Command(target, transaction, Insert(table.Name, columns, skip: -1));
        using var insertWithNewId = SqlValues.Command(target, transaction, Insert(table.Name, columns, idOrdinal));
        using var keyExists = SqlValues.Command(target, transaction,
            $"SELECT COUNT(*) FROM {table.Name} WHERE {string.Join(" AND ", table.KeyColumns.Select((key, index) => $"{key} = @k{index}"))};");
        using var idExists = SqlValues.Command(target, transaction, $"SELECT COUNT(*) FROM {table.Name} WHERE {table.IdColumn} = @id;");

        long copied = 0;
        long alreadyThere = 0;
        while (reader.Read())
        {
            var row = new object[columns.Length];
            reader.GetValues(row);
            if (!targetWasEmpty && Exists(keyExists, keyOrdinals.Select((ordinal, index) => ($"@k{index}", row[ordinal]))))
            {
                alreadyThere++;
                continue;
            }

            var idTaken = !targetWasEmpty && idOrdinal >= 0 && Exists(idExists, [("@id", row[idOrdinal])]);
            Run(idTaken ? insertWithNewId : insert, row, idTaken ? idOrdinal : -1);
            copied++;
        }

        if (idOrdinal >= 0)
        {
            targetProvider.ContinueIdentity(target, transaction, table.Name, table.IdColumn!);
        }

        return new TableImport(table.Name, copied, alreadyThere);
    }

    private static string Insert(string table, string[] columns, int skip)
    {
        var kept = Enumerable.Range(0, columns.Length).Where(ordinal => ordinal != skip).ToList();
        return $"INSERT INTO {table} ({string.Join(", ", kept.Select(ordinal => columns[ordinal]))}) VALUES ({string.Join(", ", kept.Select(ordinal => Parameter(ordinal)))});";
    }

    private static bool Exists(DbCommand command, IEnumerable<(string Name, object Value)> values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            command.Bind(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Run(DbCommand command, object[] row, int skip)
    {
        // Parameters are bound again for each row: an engine may fix a parameter's type from its first value.
        command.Parameters.Clear();
        for (var ordinal = 0; ordinal < row.Length; ordinal++)
        {
            if (ordinal != skip)
            {
                command.Bind(Parameter(ordinal), row[ordinal]);
            }
        }

        command.ExecuteNonQuery();
    }

    private static string Parameter(int ordinal) => string.Create(CultureInfo.InvariantCulture, $"@p{ordinal}");
}

/// <summary>One table of an import: rows copied, and rows left alone because the target already had them.</summary>
public readonly record struct TableImport(string Table, long Copied, long AlreadyThere);
