using WatchMonitor.Configuration;
using WatchMonitor.Monitoring.Leases;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.Monitoring.Health;

/// <summary>
/// The monitor's <see cref="IHealthSource"/> and <see cref="IMetricsSource"/>. The cycle runner calls
/// <see cref="RecordCycle"/> once per completed cycle; everything else is read when asked from the site status
/// board, the delivery counters and <see cref="IMonitorGauges"/>. Its size is fixed: one slot per configured site.
/// </summary>
public sealed class MonitorHealth : IHealthSource, IMetricsSource
{
    private readonly Lock _gate = new();
    private readonly HealthOptions _options;
    private readonly TimeSpan _checkInterval;
    private readonly string[] _enabledSites;
    private readonly SiteStatusBoard _statusBoard;
    private readonly DeliveryCounters _deliveries;
    private readonly IMonitorGauges _gauges;
    private readonly LayoutChangeDetector _layoutDetector;
    private readonly TimeProvider _timeProvider;
    private readonly DestinationBoard? _destinations;
    private readonly LeaseKeeper? _leases;
    private readonly DateTimeOffset _startedAt;
    private readonly Dictionary<string, Totals> _totals;
    private long _cycles;
    private double _cycleSecondsTotal;
    private CycleHealth? _lastCycle;
    private int _outboxStalledCycles;
    private long _sentAtLastCycle;

    public MonitorHealth(
        Microsoft.Extensions.Options.IOptions<HealthOptions> options,
        MonitorOptions monitorOptions,
        IReadOnlyList<MonitoredSite> sites,
        SiteStatusBoard statusBoard,
        DeliveryCounters deliveries,
        IMonitorGauges gauges,
        LayoutChangeDetector layoutDetector,
        TimeProvider timeProvider,
        DestinationBoard? destinations = null,
        LeaseKeeper? leases = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(monitorOptions);
        ArgumentNullException.ThrowIfNull(sites);
        _options = options.Value;
        _checkInterval = monitorOptions.CheckInterval;
        _enabledSites = [.. sites.Where(site => site.Enabled).Select(site => site.Key)];
        _statusBoard = statusBoard;
        _deliveries = deliveries;
        _gauges = gauges;
        _layoutDetector = layoutDetector;
        _timeProvider = timeProvider;
        _destinations = destinations;
        _leases = leases;
        _startedAt = timeProvider.GetUtcNow();
        _totals = _enabledSites.ToDictionary(key => key, _ => new Totals(), StringComparer.Ordinal);
    }

    public DateTimeOffset StartedAt => _startedAt;

    /// <summary>
    /// Records a completed cycle: counts, per-site totals, layout-change detection (the status board's flag is set
    /// here) and whether the outbox drains.
    /// </summary>
    /// <returns>
    /// The sites whose suspected-layout-change flag changed in this cycle, each once: log one alert and post one
    /// message to that site's webhook per entry.
    /// </returns>
    public IReadOnlyList<LayoutChangeResult> RecordCycle(CycleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var transitions = new List<LayoutChangeResult>();
        foreach (var site in report.Sites)
        {
            // An empty page is a failed scan for the log and health, and a zero count for layout-change detection.
            var result = site.Failed && !site.NoListings
                ? _layoutDetector.RecordFailure(site.SiteKey)
                : _layoutDetector.RecordSuccess(site.SiteKey, site.ListingsFound);
            if (result.Transition != LayoutChangeTransition.None)
            {
                _statusBoard.SetSuspectedLayoutChange(site.SiteKey, result.Transition == LayoutChangeTransition.Flagged);
                transitions.Add(result);
            }
        }

        var pending = _gauges.OutboxPending;
        var sent = _deliveries.TotalSent;
        lock (_gate)
        {
            _cycles++;
            _cycleSecondsTotal += report.Duration.TotalSeconds;
            _lastCycle = new CycleHealth(report.StartedAt, report.EndedAt, report.Duration.TotalSeconds, report.NewListings, report.Errors);
            foreach (var site in report.Sites)
            {
                if (_totals.TryGetValue(site.SiteKey, out var totals))
                {
                    totals.ListingsFound += site.ListingsFound;
                    totals.NewListings += site.NewListings;
                    totals.Errors += site.Failed ? 1 : 0;
                }
            }

            _outboxStalledCycles = pending == 0 || sent > _sentAtLastCycle ? 0 : _outboxStalledCycles + 1;
            _sentAtLastCycle = sent;
        }

        return transitions;
    }

    public HealthSnapshot Current()
    {
        var now = _timeProvider.GetUtcNow();
        var reading = _gauges.ReadMemory();
        var memory = reading with
        {
            Degraded = reading.Degraded || (reading.WarningThresholdMb > 0 && reading.RssMb >= reading.WarningThresholdMb),
        };
        var sites = new Dictionary<string, SiteHealth>(StringComparer.Ordinal);
        foreach (var key in _enabledSites)
        {
            var status = _statusBoard.Get(key);
            sites[key] = new SiteHealth(
                status.LastSuccessAt,
                status.ConsecutiveFailures,
                status.ListingsLastCycle,
                status.SuspectedLayoutChange,
                status.WebhookStopped,
                status.LastError);
        }

        var pending = _gauges.OutboxPending;
        long cycles;
        CycleHealth? lastCycle;
        int stalled;
        lock (_gate)
        {
            cycles = _cycles;
            lastCycle = _lastCycle;
            stalled = _outboxStalledCycles;
        }

        var destinations = ReadDestinations();
        var leaseView = _leases?.View;
        var deployment = leaseView is null ? null : LeaseHealth.Deployment(leaseView, now);
        var assessment = HealthEvaluator.Evaluate(new HealthFacts(
            now, _startedAt, _checkInterval, _options.StartupGrace, lastCycle?.EndedAt, memory, sites, pending, stalled, destinations)
        {
            Deployment = deployment,
            LeaseDuration = _leases?.Settings.LeaseDuration ?? TimeSpan.Zero,
            LeasesReadAt = leaseView?.ReadAt,
        });
        return new HealthSnapshot(assessment.Status, assessment.Reasons, memory, lastCycle, cycles, pending, sites, destinations)
        {
            DeadLetters = _gauges.DeadLetters,
            Instance = _leases?.InstanceName,
            SitesHeld = leaseView is null || _leases is null ? null : LeaseHealth.Held(leaseView, _leases.InstanceName, now),
            Deployment = deployment,
        }.Redacted();
    }

    private Dictionary<string, DestinationHealth>? ReadDestinations()
    {
        if (_destinations is null)
        {
            return null;
        }

        var destinations = new Dictionary<string, DestinationHealth>(StringComparer.Ordinal);
        foreach (var reading in _destinations.Read())
        {
            var counts = _deliveries.ForDestination(reading.Label);
            destinations[reading.Label] = new DestinationHealth(
                reading.State, reading.Pending, reading.DeadLetters, reading.NextAttemptAt, reading.LastError, reading.LastDeliveredAt, counts.Sent, counts.FailedAttempts, reading.StalledSince)
            {
                Name = reading.Masked,
                Failed = counts.Failed,
                Stopped = reading.State == Notifications.Delivery.DestinationState.Stopped,
            };
        }

        return destinations;
    }

    MetricsSnapshot IMetricsSource.Current()
    {
        var health = Current();
        var counters = new Dictionary<string, SiteCounters>(StringComparer.Ordinal);
        double cycleSeconds;
        lock (_gate)
        {
            cycleSeconds = _cycleSecondsTotal;
            foreach (var (key, totals) in _totals)
            {
                var (sent, failed) = _deliveries.ForSite(key);
                counters[key] = new SiteCounters(totals.ListingsFound, totals.NewListings, totals.Errors, sent, failed);
            }
        }

        return new MetricsSnapshot(health, cycleSeconds, counters);
    }

    private sealed class Totals
    {
        public long ListingsFound { get; set; }

        public long NewListings { get; set; }

        public long Errors { get; set; }
    }
}
