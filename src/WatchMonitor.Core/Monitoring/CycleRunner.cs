using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring;

/// <summary>
/// One cycle end to end: scan, record the session, then the memory work. Shared by <c>watchmon run</c> (looped)
/// and <c>watchmon once</c>. Delivery is not part of it: each destination's loop (<see cref="DeliveryService"/>)
/// is woken as messages are queued, so a slow or refusing Discord never holds back a scan.
/// </summary>
public sealed partial class CycleRunner(
    ScanCycle scanCycle,
    DestinationBoard destinations,
    SeenStore seenStore,
    Outbox outbox,
    SessionHistoryStore history,
    DeliveryCounters counters,
    MemoryMonitor memoryMonitor,
    MemoryGovernor memoryGovernor,
    MonitorHealth monitorHealth,
    LayoutAlerts layoutAlerts,
    MonitorOptions options,
    RunSettings runSettings,
    TimeProvider timeProvider,
    ILogger<CycleRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private volatile bool _initialized;
    private IReadOnlyDictionary<string, long> _sentAtLastSession = new Dictionary<string, long>(StringComparer.Ordinal);

    public long CyclesCompleted { get; private set; }

    public CycleReport? LastReport { get; private set; }

    public MemoryCycleOutcome? LastMemoryOutcome { get; private set; }

    /// <summary>Why <c>watchmon run</c> stopped before its first cycle (a state file it cannot read); null otherwise.</summary>
    public string? StartupFailure { get; set; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await seenStore.LoadAsync(cancellationToken).ConfigureAwait(false);
            await outbox.LoadAsync(cancellationToken).ConfigureAwait(false);
            await history.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (outbox.Count > 0)
            {
                Log.PendingFromLastRun(logger, outbox.Count);
                await CountQueuedAsSeenAsync(cancellationToken).ConfigureAwait(false);
            }

            _initialized = true;
            destinations.WakeAll();
        }
        finally
        {
            _initialization.Release();
        }
    }

    public async Task<CycleReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        // Read, not logged: the one memory line per cycle comes after it (MemoryGovernor).
        var memoryStart = memoryMonitor.GetCurrentUsageMb();
        var settings = memoryGovernor.Apply(new CycleSettings(options.MaxConcurrentScrapers, options.EnableDetailScraping, runSettings.NotifyExisting));
        var report = await scanCycle.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        // The seen file is written once per cycle, after every site and before anything new is delivered: a crash
        // before this line re-offers the new listings, and the outbox, already holding their messages, ignores them.
        await SaveOrCarryOnAsync(seenStore.SaveAsync, "seen ids", cancellationToken).ConfigureAwait(false);
        await SaveOrCarryOnAsync(outbox.SaveIfUnsavedAsync, "outbox changes", cancellationToken).ConfigureAwait(false);
        await layoutAlerts.RaiseAsync(monitorHealth.RecordCycle(report), cancellationToken).ConfigureAwait(false);

        var memoryEnd = memoryMonitor.GetCurrentUsageMb();
        // Delivery runs beside the cycles, so a session counts what was delivered since the previous one.
        var sentNow = counters.SentBySite();
        var sentSince = sentNow.ToDictionary(pair => pair.Key, pair => pair.Value - _sentAtLastSession.GetValueOrDefault(pair.Key), StringComparer.Ordinal);
        var session = SessionFactory.From(report, sentSince, memoryStart, memoryEnd, timeProvider.LocalTimeZone);
        _sentAtLastSession = sentNow;
        await SaveOrCarryOnAsync(token => history.AppendAsync(session, token), "session history", cancellationToken).ConfigureAwait(false);
        CyclesCompleted++;
        LastReport = report;
        Log.CycleDone(logger, report.Sites.Count, report.NewListings, report.Errors, report.Duration.TotalSeconds, outbox.Count, memoryEnd);
        LastMemoryOutcome = await memoryGovernor.AfterCycleAsync(CyclesCompleted, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// A crash between the outbox write and the seen-file write leaves a queued message whose listing is not yet
    /// seen; once the message is delivered the next scan would queue it again. Every queued listing was promised,
    /// so it counts as seen from the start (its price is refreshed when the scan sees it on the page).
    /// </summary>
    private async Task CountQueuedAsSeenAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var added = 0;
        foreach (var entry in outbox.Pending())
        {
            if (entry.Kind == OutboxEntryKind.LayoutAlert || entry.CompositeId.Length == 0 || seenStore.IsSeen(entry.SiteKey, entry.CompositeId))
            {
                continue;
            }

            var url = UrlOf(entry);
            seenStore.MarkSeen(entry.SiteKey, entry.CompositeId, url, price: null, currency: null, now);
            added++;
        }

        if (added > 0)
        {
            await SaveOrCarryOnAsync(seenStore.SaveAsync, "seen ids", cancellationToken).ConfigureAwait(false);
        }
    }

    // An unreadable payload is the delivery loop's to dead-letter; here it only costs the listing's URL.
    private static string UrlOf(OutboxEntry entry)
    {
        try
        {
            return JsonSerializer.Deserialize(entry.EmbedJson, DiscordJsonContext.Default.DiscordEmbed)?.Url ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>
    /// A state file that cannot be written (disk full, read-only directory) must not stop the cycle: what is in
    /// memory stays authoritative for this process, so nothing is alerted twice, and the next save writes it all.
    /// The writer has already logged the error with the path and the fix.
    /// </summary>
    private async Task SaveOrCarryOnAsync(Func<CancellationToken, Task> save, string what, CancellationToken cancellationToken)
    {
        try
        {
            await save(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.StateNotSaved(logger, what);
        }
    }

    /// <summary>Writes everything held in memory; the outbox and history are already on disk after each change.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            return;
        }

        await seenStore.SaveAsync(cancellationToken).ConfigureAwait(false);
        await outbox.SaveIfUnsavedAsync(cancellationToken).ConfigureAwait(false);
        await history.SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _initialization.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The {What} were not saved (see the error above); the monitor carries on with them in memory and saves again next cycle. Fix the cause before stopping the monitor, or the changes since the last save are lost.")]
        public static partial void StateNotSaved(ILogger logger, string what);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Pending} notification(s) from the last run are still queued and will be delivered first")]
        public static partial void PendingFromLastRun(ILogger logger, int pending);

        [LoggerMessage(Level = LogLevel.Information, Message = "Cycle done: {Sites} sites, {NewListings} new, {Errors} failed, {Seconds:F1} s, {Pending} queued notification(s), {ResidentMb:F1} MB resident")]
        public static partial void CycleDone(ILogger logger, int sites, int newListings, int errors, double seconds, int pending, double residentMb);
    }
}
