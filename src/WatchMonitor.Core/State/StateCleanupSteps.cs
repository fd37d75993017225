using WatchMonitor.Configuration;
using WatchMonitor.Maintenance;

namespace WatchMonitor.State;

/// <summary>Trims session history to its cap (periodic, emergency) or to the newest 100 sessions (minimum), then saves.</summary>
public sealed class SessionHistoryCleanupStep(SessionHistoryStore history, MonitorOptions options) : ICleanupStep
{
    internal const int MinimumEntries = 100;

    public string Name => "session history";

    public async Task RunAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        var cap = level == CleanupLevel.Minimum ? Math.Min(MinimumEntries, options.MaxSessionHistoryEntries) : options.MaxSessionHistoryEntries;
        history.Trim(cap);
        await history.SaveAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// Trims seen ids per site to the cap, or at minimum to 2,000 — still far above any dealer's page, and the ids
/// dropped first are those gone from the page longest, so nothing still listed is forgotten.
/// </summary>
public sealed class SeenStoreCleanupStep(SeenStore seenStore, MonitorOptions options) : ICleanupStep
{
    internal const int MinimumPerSite = 2_000;

    public string Name => "seen store";

    public async Task RunAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        var cap = level == CleanupLevel.Minimum ? Math.Min(MinimumPerSite, options.MaxSeenItemsPerSite) : options.MaxSeenItemsPerSite;
        seenStore.Trim(cap);
        await seenStore.SaveAsync(cancellationToken).ConfigureAwait(false);
    }
}
