using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.State;

namespace WatchMonitor.Benchmarks.State;

/// <summary>A scratch directory with a state database for one benchmark.</summary>
internal sealed class StateFiles : IDisposable
{
    public StateFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("watchmon-bench-").FullName;
        Database = new StateDatabase(Path.Combine(Directory, "watchmon.db"), NullLogger<StateDatabase>.Instance);
        Database.Open();
    }

    public string Directory { get; }

    public StateDatabase Database { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
