using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

/// <summary>
/// A temporary directory with a real state database — a SQLite file in it, or a fresh schema on the PostgreSQL test
/// server — a fake clock in a fixed UTC+1 zone and recording loggers. Disposing deletes the directory (and drops the
/// schema) and fails the test on an error log the test did not announce with <see cref="ExpectErrors"/>.
/// </summary>
internal sealed class StateTestContext : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 15, 11, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");

    private bool _errorsExpected;
    private readonly List<StateDatabase> _opened = [];
    private StateDatabase? _database;

    public StateTestContext(StateEngine engine = StateEngine.Sqlite)
    {
        Engine = engine;
        Schema = engine == StateEngine.Postgres ? StateEngines.CreateSchema() : null;
        Directory = Path.Combine(Path.GetTempPath(), "watchmon-state-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Time.SetLocalTimeZone(Zone);
        Writer = new AtomicFileWriter(Logger<AtomicFileWriter>());
        Options = new MonitorOptions
        {
            StateDatabase = Schema is null ? PathOf("watchmon.db") : StateEngines.WithSearchPath(Schema),
            SeenWatchesFile = PathOf("seen_watches.json"),
            SessionHistoryFile = PathOf("session_history.json"),
        };
    }

    public StateEngine Engine { get; }

    /// <summary>The PostgreSQL schema of this test; null on SQLite.</summary>
    public string? Schema { get; }

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public ConcurrentQueue<(LogLevel Level, string Message)> Logs { get; } = new();

    public AtomicFileWriter Writer { get; }

    public MonitorOptions Options { get; }

    public IEnumerable<string> Errors => Logs.Where(entry => entry.Level >= LogLevel.Error).Select(entry => entry.Message);

    /// <summary>The database at <see cref="MonitorOptions.StateDatabase"/>, opened (created and migrated) on first use.</summary>
    public StateDatabase Database
    {
        get
        {
            if (_database is null)
            {
                _database = NewDatabase();
                _database.Open();
            }

            return _database;
        }
    }

    /// <summary>Another handle on this test's database, disposed with the context.</summary>
    public StateDatabase NewDatabase(string? setting = null)
    {
        var database = new StateDatabase(setting ?? Options.StateDatabase, Logger<StateDatabase>());
        _opened.Add(database);
        return database;
    }

    /// <summary>Makes every insert into <paramref name="table"/> fail, as a full disk would.</summary>
    public void RefuseInserts(string table) => Database.Write((connection, transaction) => StateDatabase.Execute(connection, Engine == StateEngine.Postgres
        ? $"CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$; CREATE TRIGGER refuse BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse();"
        : $"CREATE TRIGGER refuse BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'disk full'); END;", transaction));

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public RecordingLogger<T> Logger<T>() => new(Logs);

    public SqliteOutbox Outbox(int maxPerDestination = 1000) => new(Database, Time, maxPerDestination);

    public SeenListings Seen(int maxPerSite = 10_000, int maxPerDestination = 1000) => new(Database, Outbox(maxPerDestination), maxPerSite);

    public SessionHistory History(int maxEntries = SessionHistory.DefaultMaxEntries, int retentionDays = SessionHistory.DefaultRetentionDays) =>
        new(Database, Time, maxEntries, retentionDays);

    public StateInitializer Initializer(StateDatabase? database = null)
    {
        var target = database ?? NewDatabase();
        return new StateInitializer(target, new StateImporter(target, Options, Time, Logger<StateImporter>()), Logger<StateInitializer>());
    }

    public StateExporter Exporter() => new(Database, History(), Writer, Time);

    public string Read(string fileName) => File.ReadAllText(PathOf(fileName));

    public void Write(string fileName, string content) => File.WriteAllText(PathOf(fileName), content);

    /// <summary>Files in the directory other than temporary ones, sorted.</summary>
    public IReadOnlyList<string> FileNames() =>
        [.. System.IO.Directory.GetFiles(Directory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public void ExpectErrors() => _errorsExpected = true;

    public void Dispose()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        if (Schema is not null)
        {
            StateEngines.DropSchema(Schema);
        }

        if (!_errorsExpected)
        {
            Assert.Empty(Errors);
        }
    }
}
