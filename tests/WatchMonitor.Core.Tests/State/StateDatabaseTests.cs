using Microsoft.Data.Sqlite;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class StateDatabaseTests : IDisposable
{
    private readonly StateTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Open_NoFile_CreatesAnOwnerOnlyWalDatabaseAtTheCurrentVersion()
    {
        var database = new StateDatabase(_context.PathOf("sub/watchmon.db"), _context.Logger<StateDatabase>());

        Assert.True(database.Open());

        Assert.Equal("wal", database.Read(connection => StateDatabase.Scalar<string>(connection, "PRAGMA journal_mode;")));
        Assert.Equal(SchemaMigrator.CurrentVersion, database.Read(connection => StateDatabase.Scalar<int>(connection, "PRAGMA user_version;")));
        Assert.Equal(2, database.Read(connection => StateDatabase.Scalar<int>(connection, "PRAGMA synchronous;")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(database.Path));
            Assert.Equal(OwnerOnlyFiles.DirectoryMode, File.GetUnixFileMode(database.Directory));
        }

        Assert.False(new StateDatabase(database.Path, _context.Logger<StateDatabase>()).Open());
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_ThrowsNamingTheFileAndLeavesItAlone()
    {
        _context.Write("watchmon.db", "{\"worldoftime\": []} this is not SQLite, but it must not be lost");
        var database = new StateDatabase(_context.Options.StateDatabase, _context.Logger<StateDatabase>());

        var exception = Assert.Throws<StateFileException>(() => database.Open());

        Assert.Contains(database.Path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("{\"worldoftime\"", _context.Read("watchmon.db"), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DatabaseOfANewerVersion_ThrowsAndChangesNothing()
    {
        var path = _context.Options.StateDatabase;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            StateDatabase.Execute(connection, $"PRAGMA user_version={SchemaMigrator.CurrentVersion + 1};");
        }

        var exception = Assert.Throws<StateFileException>(() => new StateDatabase(path, _context.Logger<StateDatabase>()).Open());

        Assert.Contains("newer than this build", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WorkThrows_RollsBackEverything()
    {
        var database = _context.Database;

        Assert.Throws<InvalidOperationException>(() => database.Write((connection, transaction) =>
        {
            StateDatabase.Execute(connection, "INSERT INTO site (key) VALUES ('watch_out');", transaction);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(0, database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT count(*) FROM site;")));
    }
}
