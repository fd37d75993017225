using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Monitoring.Leases;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Digests;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring;

/// <summary>
/// One cycle end to end: deliver what is pending, scan, deliver, record the session, then the memory work. Shared
/// by <c>watchmon run</c> (looped) and <c>watchmon once</c>.
/// </summary>
public sealed partial class CycleRunner(
    ScanCycle scanCycle,
    DestinationBoard destinations,
    StateDatabase database,
    StateInitializer state,
    SqliteOutbox outbox,
    SessionHistory history,
    SiteStatusBoard statusBoard,
    DeliveryCounters counters,
    MemoryMonitor memoryMonitor,
    MemoryGovernor memoryGovernor,
    MonitorHealth monitorHealth,
    LayoutAlerts layoutAlerts,
    DigestScheduler digests,
    LeaseKeeper leases,
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

    /// <summary>Why <c>watchmon run</c> stopped before its first cycle (a state database or file it cannot use); null otherwise.</summary>
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

            await state.InitializeAsync(runSettings.SkipImport, cancellationToken).ConfigureAwait(false);
            // Earlier versions queued under the site's key; its webhook's destination key takes those messages over.
            outbox.Rekey(destinations.Destinations
                .SelectMany(destination => destination.OwnSites.Select(site => (Site: site, destination.Key)))
                .DistinctBy(pair => pair.Site, StringComparer.Ordinal)
                .ToDictionary(pair => pair.Site, pair => pair.Key, StringComparer.Ordinal));
            var pending = outbox.Count();
            if (pending > 0)
            {
                Log.PendingFromLastRun(logger, pending);
            }

            _initialized = true;
            destinations.StateReady();
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
        outbox.SaveUnsavedAcknowledgements();
        var settings = memoryGovernor.Apply(new CycleSettings(options.MaxConcurrentScrapers, options.EnableDetailScraping, runSettings.NotifyExisting));
        leases.Refresh();
        var report = await scanCycle.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        await layoutAlerts.RaiseAsync(monitorHealth.RecordCycle(report), cancellationToken).ConfigureAwait(false);
        SaveOrCarryOn(() => digests.SendDue(), "digests");

        var memoryEnd = memoryMonitor.GetCurrentUsageMb();
        // Delivery runs beside the cycles, so a session counts what was delivered since the previous one.
        var sentNow = counters.SentBySite();
        var session = SessionFactory.From(report, sentNow.ToDictionary(pair => pair.Key, pair => pair.Value - _sentAtLastSession.GetValueOrDefault(pair.Key), StringComparer.Ordinal), memoryStart, memoryEnd, timeProvider.LocalTimeZone);
        _sentAtLastSession = sentNow;
        SaveOrCarryOn(() => history.Append(session, SiteHealth()), "session history");
        CyclesCompleted++;
        LastReport = report;
        var pending = outbox.Count();
        Log.CycleDone(logger, report.Sites.Count, report.NewListings, report.Errors, report.Duration.TotalSeconds, pending, memoryEnd);
        LastMemoryOutcome = await memoryGovernor.AfterCycleAsync(CyclesCompleted, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// A session that cannot be written (disk full, read-only directory) must not stop the monitor: it is only
    /// statistics, and the next cycle writes its own.
    /// </summary>
    private void SaveOrCarryOn(Action save, string what)
    {
        try
        {
            save();
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            Log.StateNotSaved(logger, what, exception.Message);
        }
    }

    private List<SiteHealthRow> SiteHealth()
    {
        var now = timeProvider.GetUtcNow();
        return [.. statusBoard.Snapshot().Select(site => new SiteHealthRow(site.SiteKey, site.LastSuccessAt, site.ConsecutiveFailures, site.ListingsLastCycle, site.LastError, now))];
    }

    /// <summary>
    /// Every change is committed when it is made; at a stop the WAL is folded into the database file, so that a copy
    /// of <c>watchmon.db</c> alone is a complete backup.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_initialized)
        {
            SaveOrCarryOn(() => database.Checkpoint(), "final checkpoint");
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _initialization.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "The {What} could not be written to the state database ({Reason}); the monitor carries on and writes the next one. Check free disk space and that the monitor's user may write the database and its directory.")]
        public static partial void StateNotSaved(ILogger logger, string what, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Pending} notification(s) from the last run are still queued and will be delivered first")]
        public static partial void PendingFromLastRun(ILogger logger, int pending);

        [LoggerMessage(Level = LogLevel.Information, Message = "Cycle done: {Sites} sites, {NewListings} new, {Errors} failed, {Seconds:F1} s, {Pending} queued notification(s), {ResidentMb:F1} MB resident")]
        public static partial void CycleDone(ILogger logger, int sites, int newListings, int errors, double seconds, int pending, double residentMb);
    }
}
