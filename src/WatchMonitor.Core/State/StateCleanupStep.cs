using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Maintenance;

namespace WatchMonitor.State;

/// <summary>
/// The database's housekeeping: sessions and seen ids to their caps (at minimum to 100 sessions and 2,000 ids per
/// site — still far above any dealer's page, and the ids dropped first are those gone longest), then
/// on SQLite <c>PRAGMA optimize</c>, a truncating WAL checkpoint, and SQLite's caches handed back. Logs what it freed.
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
        var tidy = database.Tidy();
        if (database.IsPostgres)
        {
            Log.CleanedPostgres(logger, level, sessions, ids);
        }
        else
        {
            Log.Cleaned(logger, level, sessions, ids, tidy.CheckpointedPages, tidy.LogBytes / 1024.0, tidy.FreedBytes / 1024.0, tidy.HeldBytes / 1024.0);
        }

        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "State database cleanup ({Level}): dropped {Sessions} sessions and {SeenIds} seen ids, checkpointed {Pages} WAL pages and truncated the {WalKb:F0} KB WAL, released {FreedKb:F0} KB of SQLite memory ({HeldKb:F0} KB still held)")]
        public static partial void Cleaned(ILogger logger, CleanupLevel level, int sessions, int seenIds, long pages, double walKb, double freedKb, double heldKb);

        [LoggerMessage(Level = LogLevel.Information, Message = "State database cleanup ({Level}): dropped {Sessions} sessions and {SeenIds} seen ids; PostgreSQL reclaims their space itself (autovacuum)")]
        public static partial void CleanedPostgres(ILogger logger, CleanupLevel level, int sessions, int seenIds);
    }
}
