using Microsoft.Data.Sqlite;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class StateDatabaseTests : StateSuite
{
    [Fact]
    public void Open_NoFile_CreatesAnOwnerOnlyWalDatabaseAtTheCurrentVersion()
    {
        var database = new StateDatabase(Context.PathOf("sub/watchmon.db"), Context.Logger<StateDatabase>());

        Assert.True(database.Open());

        Assert.Equal("wal", database.Read(connection => StateDatabase.Scalar<string>(connection, "PRAGMA journal_mode;")));
        Assert.Equal(SchemaMigrator.CurrentVersion, database.Read(connection => StateDatabase.Scalar<int>(connection, "PRAGMA user_version;")));
        Assert.Equal(2, database.Read(connection => StateDatabase.Scalar<int>(connection, "PRAGMA synchronous;")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(database.Path));
            Assert.Equal(OwnerOnlyFiles.DirectoryMode, File.GetUnixFileMode(database.Directory));
        }

        Assert.False(new StateDatabase(database.Path, Context.Logger<StateDatabase>()).Open());
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_ThrowsNamingTheFileAndLeavesItAlone()
    {
        Context.Write("watchmon.db", "{\"worldoftime\": []} this is not SQLite, but it must not be lost");
        var database = new StateDatabase(Context.Options.StateDatabase, Context.Logger<StateDatabase>());

        var exception = Assert.Throws<StateFileException>(() => database.Open());

        Assert.Contains(database.Path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("{\"worldoftime\"", Context.Read("watchmon.db"), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DatabaseOfANewerVersion_ThrowsAndChangesNothing()
    {
        var path = Context.Options.StateDatabase;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            StateDatabase.Execute(connection, $"PRAGMA user_version={SchemaMigrator.CurrentVersion + 1};");
        }

        var exception = Assert.Throws<StateFileException>(() => new StateDatabase(path, Context.Logger<StateDatabase>()).Open());

        Assert.Contains("newer than this build", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Write_WorkThrows_RollsBackEverything(StateEngine engine)
    {
        On(engine);
        var database = Context.Database;

        Assert.Throws<InvalidOperationException>(() => database.Write((connection, transaction) =>
        {
            StateDatabase.Execute(connection, "INSERT INTO site (key) VALUES ('watch_out');", transaction);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(0, database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT count(*) FROM site;")));
    }
}
