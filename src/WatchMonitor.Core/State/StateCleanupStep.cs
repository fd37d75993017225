using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Maintenance;

namespace WatchMonitor.State;

/// <summary>
/// The database's housekeeping: sessions and seen ids to their caps (at minimum to 100 sessions and 2,000 ids per
/// site — still far above any dealer's page, and the ids dropped first are those gone longest), then
/// <c>PRAGMA optimize</c>, a truncating WAL checkpoint, and SQLite's caches handed back. Logs what it freed.
/// </summary>
public sealed partial class StateCleanupStep(
    StateDatabase database,
    SeenListings seen,
    SessionHistory history,
    MonitorOptions options,
    ILogger<StateCleanupStep> logger) : ICleanupStep
{
    internal const int MinimumSessions = 100;
    internal const int MinimumPerSite = 2_000;

    public string Name => "state database";

    public Task RunAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var minimum = level == CleanupLevel.Minimum;
        var sessions = history.Trim(minimum ? Math.Min(MinimumSessions, options.MaxSessionHistoryEntries) : options.MaxSessionHistoryEntries);
        var ids = seen.Trim(minimum ? Math.Min(MinimumPerSite, options.MaxSeenItemsPerSite) : options.MaxSeenItemsPerSite);
        var walBytes = WalBytes();
        var checkpointed = database.Maintain(connection =>
        {
            StateDatabase.Execute(connection, "PRAGMA optimize;");
            using var command = SqlValues.Command(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
            using var reader = command.ExecuteReader();
            var pages = reader.Read() ? reader.GetInt64(2) : 0;
            reader.Close();
            StateDatabase.Execute(connection, "PRAGMA shrink_memory;");
            return pages;
        });
        var memoryBefore = SQLitePCL.raw.sqlite3_memory_used();
        StateDatabase.ReleaseMemory();
        var memoryAfter = SQLitePCL.raw.sqlite3_memory_used();
        Log.Cleaned(logger, level, sessions, ids, checkpointed, walBytes / 1024.0, (memoryBefore - memoryAfter) / 1024.0, memoryAfter / 1024.0);
        return Task.CompletedTask;
    }

    private long WalBytes()
    {
        var wal = new FileInfo(database.Path + "-wal");
        return wal.Exists ? wal.Length : 0;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "State database cleanup ({Level}): dropped {Sessions} sessions and {SeenIds} seen ids, checkpointed {Pages} WAL pages and truncated the {WalKb:F0} KB WAL, released {FreedKb:F0} KB of SQLite memory ({HeldKb:F0} KB still held)")]
        public static partial void Cleaned(ILogger logger, CleanupLevel level, int sessions, int seenIds, long pages, double walKb, double freedKb, double heldKb);
    }
}
