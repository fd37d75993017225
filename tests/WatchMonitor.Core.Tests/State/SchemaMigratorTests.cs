using System.Data.Common;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SchemaMigratorTests : IDisposable
{
    private readonly StateTestContext _context = new();

    public static TheoryData<int> EarlierVersions()
    {
        var versions = new TheoryData<int>();
        for (var version = 0; version < SchemaMigrator.CurrentVersion; version++)
        {
            versions.Add(version);
        }

        return versions;
    }

    public void Dispose() => _context.Dispose();

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public void Migrate_DatabaseOfAnEarlierVersion_ReachesTheCurrentSchemaAndKeepsItsData(int version)
    {
        var path = _context.Options.StateDatabase;
        using (var earlier = new StateDatabase(path, _context.Logger<StateDatabase>()))
        {
            earlier.MigrateTo(version);
            if (version >= 1)
            {
                using var connection = earlier.OpenConnection();
                StateDatabase.Execute(connection, "INSERT INTO site (key) VALUES ('worldoftime'); INSERT INTO listing (site, id, last_seen) VALUES ('worldoftime', 'a', 1);");
            }
        }

        var database = new StateDatabase(path, _context.Logger<StateDatabase>());
        database.Open();

        Assert.Equal(SchemaMigrator.CurrentVersion, database.Read(connection => StateDatabase.Scalar<int>(connection, "PRAGMA user_version;")));
        Assert.Equal(Schema(_context.PathOf("fresh.db")), database.Read(ReadSchema));
        Assert.Equal(version >= 1 ? 1 : 0, new SeenListings(database, new SqliteOutbox(database, _context.Time, 10), 100).CountFor("worldoftime"));
    }

    private string Schema(string path)
    {
        var fresh = new StateDatabase(path, _context.Logger<StateDatabase>());
        fresh.Open();
        return fresh.Read(ReadSchema);
    }

    private static string ReadSchema(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
