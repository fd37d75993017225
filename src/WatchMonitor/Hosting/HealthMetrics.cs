using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Prometheus;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Sites;

namespace WatchMonitor.Hosting;

/// <summary>
/// The Prometheus exposition of <c>GET /metrics</c>. Values are read from the sources at scrape time into a private
/// registry (no global state, no .NET event or meter listeners). The labels are <c>site</c> and <c>destination</c>,
/// limited to the configured site keys and destination keys ("ntfy-&lt;12 hex&gt;", never a URL), so the series count is
/// fixed however long the monitor runs.
/// </summary>
internal sealed partial class HealthMetrics
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const double BytesPerMb = 1024 * 1024;
    private static readonly string[] SiteLabel = ["site"];
    private static readonly string[] DestinationLabel = ["destination"];

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly IHealthSource _health;
    private readonly IMetricsSource? _metrics;
    private readonly ILogger<HealthMetrics> _logger;
    private readonly HashSet<string> _knownSites;

    private readonly Gauge _status;
    private readonly Gauge _residentBytes;
    private readonly Gauge _gcHeapBytes;
    private readonly Gauge _warningBytes;
    private readonly Gauge _criticalBytes;
    private readonly Gauge _memoryDegraded;
    private readonly Counter _cycles;
    private readonly Counter _cycleSeconds;
    private readonly Gauge _lastCycleSeconds;
    private readonly Gauge _lastCycleEnd;
    private readonly Gauge _outboxPending;
    private readonly Gauge _deadLetters;
    private readonly Counter _listingsFound;
    private readonly Counter _newListings;
    private readonly Counter _siteErrors;
    private readonly Counter _notificationsSent;
    private readonly Counter _notificationsFailed;
    private readonly Gauge _consecutiveFailures;
    private readonly Gauge _listingsLastCycle;
    private readonly Gauge _layoutChange;
    private readonly Gauge _webhookStopped;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _destinationPending;
    private readonly Gauge _destinationDeadLetters;
    private readonly Gauge _destinationStopped;
    private readonly Counter _destinationSent;
    private readonly Counter _destinationFailedAttempts;
    private readonly Counter _destinationFailed;
    private readonly Gauge _instanceInfo;
    private readonly Gauge _leaseHeld;
    private readonly Gauge _leaseAge;
    private readonly Gauge _sitesUnheld;

    public HealthMetrics(IHealthSource health, ILogger<HealthMetrics> logger, IMetricsSource? metrics = null, IReadOnlyList<MonitoredSite>? sites = null)
    {
        _knownSites = (sites?.Select(site => site.Key) ?? SiteCatalog.All.Select(site => site.Key)).ToHashSet(StringComparer.Ordinal);
        _health = health;
        _metrics = metrics;
        _logger = logger;
        DotNetStats.Register(_registry);
        var factory = Metrics.WithCustomRegistry(_registry);
        _status = factory.CreateGauge("watchmon_health_status", "Health status: 0 Healthy, 1 Degraded, 2 Unhealthy (see GET /health for reasons).");
        _residentBytes = factory.CreateGauge("watchmon_memory_resident_bytes", "Resident set size of the monitor process.");
        _gcHeapBytes = factory.CreateGauge("watchmon_memory_gc_heap_bytes", "Managed (GC) heap in use.");
        _warningBytes = factory.CreateGauge("watchmon_memory_warning_threshold_bytes", "Resident size from which the monitor runs degraded.");
        _criticalBytes = factory.CreateGauge("watchmon_memory_critical_threshold_bytes", "Resident size from which the monitor is unhealthy.");
        _memoryDegraded = factory.CreateGauge("watchmon_memory_degraded", "1 while memory is degraded, else 0.");
        _cycles = factory.CreateCounter("watchmon_cycles_total", "Cycles completed since start.");
        _cycleSeconds = factory.CreateCounter("watchmon_cycle_duration_seconds_total", "Summed duration of completed cycles; divide its rate by watchmon_cycles_total's for the mean.");
        _lastCycleSeconds = factory.CreateGauge("watchmon_last_cycle_duration_seconds", "Duration of the last completed cycle.");
        _lastCycleEnd = factory.CreateGauge("watchmon_last_cycle_end_timestamp_seconds", "Unix time the last cycle completed; 0 before the first.");
        _outboxPending = factory.CreateGauge("watchmon_outbox_pending", "Discord messages waiting to be delivered.");
        _deadLetters = factory.CreateGauge("watchmon_dead_letters", "Messages that can never be delivered, kept with the reason.");
        _listingsFound = factory.CreateCounter("watchmon_listings_found_total", "Listings found on the dealer's page, summed over cycles.", SiteLabel);
        _newListings = factory.CreateCounter("watchmon_new_listings_total", "New listings detected.", SiteLabel);
        _siteErrors = factory.CreateCounter("watchmon_site_errors_total", "Failed scans of the site.", SiteLabel);
        _notificationsSent = factory.CreateCounter("watchmon_notifications_sent_total", "Discord messages delivered.", SiteLabel);
        _notificationsFailed = factory.CreateCounter("watchmon_notifications_failed_total", "Discord messages refused for good (400) and moved to the dead letters.", SiteLabel);
        _consecutiveFailures = factory.CreateGauge("watchmon_site_consecutive_failures", "Failed scans in a row; 0 after a success.", SiteLabel);
        _listingsLastCycle = factory.CreateGauge("watchmon_site_listings_last_cycle", "Listings found in the site's last scan.", SiteLabel);
        _layoutChange = factory.CreateGauge("watchmon_site_layout_change_suspected", "1 while the page loads but yields (almost) no listings.", SiteLabel);
        _webhookStopped = factory.CreateGauge("watchmon_site_webhook_stopped", "1 when Discord said the site's webhook is gone.", SiteLabel);
        _lastSuccess = factory.CreateGauge("watchmon_site_last_success_timestamp_seconds", "Unix time of the site's last successful scan; 0 if none since start.", SiteLabel);
        _destinationPending = factory.CreateGauge("watchmon_destination_pending", "Messages queued for the destination (a site's webhook or a route's destination).", DestinationLabel);
        _destinationDeadLetters = factory.CreateGauge("watchmon_destination_dead_letters", "Messages the destination could never deliver (unreadable, or refused by Discord for good).", DestinationLabel);
        _destinationStopped = factory.CreateGauge("watchmon_destination_stopped", "1 while delivery to the destination is stopped (Discord answered 401/403/404).", DestinationLabel);
        _destinationSent = factory.CreateCounter("watchmon_destination_sent_total", "Messages the destination delivered.", DestinationLabel);
        _destinationFailedAttempts = factory.CreateCounter("watchmon_destination_failed_attempts_total", "Posts to the destination that failed (5xx, timeouts, network, 401/403/404).", DestinationLabel);
        _destinationFailed = factory.CreateCounter("watchmon_destination_failed_total", "Messages the destination refused for good and moved to the dead letters.", DestinationLabel);
        _instanceInfo = factory.CreateGauge("watchmon_instance_info", "1, labelled with this instance's INSTANCE_NAME.", ["instance"]);
        _leaseHeld = factory.CreateGauge("watchmon_site_lease_held", "1 while this instance holds the site's lease (scans it), else 0.", SiteLabel);
        _leaseAge = factory.CreateGauge("watchmon_site_lease_age_seconds", "How long the site's current holder (any instance) has held its lease; 0 when nobody does.", SiteLabel);
        _sitesUnheld = factory.CreateGauge("watchmon_sites_unheld", "Configured sites no instance holds the lease of (nobody scans them).");
        _registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>Writes the current values in the Prometheus text format.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(destination, cancellationToken);

    private void Update()
    {
        try
        {
            var snapshot = _metrics?.Current() ?? new MetricsSnapshot(_health.Current(), 0, new Dictionary<string, SiteCounters>());
            Update(snapshot);
        }
        catch (Exception exception)
        {
            // A scrape shows the last values rather than failing; the log says why they are stale.
            Log.SourceFailed(_logger, exception);
            _status.Set((double)HealthStatus.Unhealthy);
        }
    }

    private void Update(MetricsSnapshot snapshot)
    {
        var health = snapshot.Health;
        _status.Set((double)health.Status);
        _residentBytes.Set(health.Memory.RssMb * BytesPerMb);
        _gcHeapBytes.Set(health.Memory.GcHeapMb * BytesPerMb);
        _warningBytes.Set(health.Memory.WarningThresholdMb * BytesPerMb);
        _criticalBytes.Set(health.Memory.CriticalThresholdMb * BytesPerMb);
        _memoryDegraded.Set(health.Memory.Degraded ? 1 : 0);
        _cycles.IncTo(health.Cycles);
        _cycleSeconds.IncTo(snapshot.CycleSecondsTotal);
        _lastCycleSeconds.Set(health.LastCycle?.DurationSeconds ?? 0);
        _lastCycleEnd.Set(health.LastCycle is { } cycle ? cycle.EndedAt.ToUnixTimeMilliseconds() / 1000.0 : 0);
        _outboxPending.Set(health.Outbox);
        _deadLetters.Set(health.DeadLetters);

        foreach (var (key, site) in health.Sites)
        {
            if (!_knownSites.Contains(key))
            {
                continue;
            }

            _consecutiveFailures.WithLabels(key).Set(site.ConsecutiveFailures);
            _listingsLastCycle.WithLabels(key).Set(site.ListingsLastCycle);
            _layoutChange.WithLabels(key).Set(site.SuspectedLayoutChange ? 1 : 0);
            _webhookStopped.WithLabels(key).Set(site.WebhookStopped ? 1 : 0);
            _lastSuccess.WithLabels(key).Set(site.LastSuccessAt is { } at ? at.ToUnixTimeMilliseconds() / 1000.0 : 0);
        }

        UpdateLeases(health);

        foreach (var (key, destination) in health.Destinations ?? new Dictionary<string, DestinationHealth>())
        {
            if (!IsDestinationLabel(key))
            {
                continue;
            }

            _destinationPending.WithLabels(key).Set(destination.Pending);
            _destinationDeadLetters.WithLabels(key).Set(destination.DeadLetters);
            _destinationStopped.WithLabels(key).Set(destination.State == Notifications.Delivery.DestinationState.Stopped ? 1 : 0);
            _destinationSent.WithLabels(key).IncTo(destination.Sent);
            _destinationFailedAttempts.WithLabels(key).IncTo(destination.FailedAttempts);
            _destinationFailed.WithLabels(key).IncTo(destination.Failed);
        }

        foreach (var (key, counters) in snapshot.Sites)
        {
            if (!_knownSites.Contains(key))
            {
                continue;
            }

            _listingsFound.WithLabels(key).IncTo(counters.ListingsFound);
            _newListings.WithLabels(key).IncTo(counters.NewListings);
            _siteErrors.WithLabels(key).IncTo(counters.Errors);
            _notificationsSent.WithLabels(key).IncTo(counters.NotificationsSent);
            _notificationsFailed.WithLabels(key).IncTo(counters.NotificationsFailed);
        }
    }

    private void UpdateLeases(HealthSnapshot health)
    {
        if (health.Instance is { } instance)
        {
            _instanceInfo.WithLabels(instance).Set(1);
        }

        if (health.Deployment is not { } deployment)
        {
            return;
        }

        _sitesUnheld.Set(deployment.Count(pair => !pair.Value.Healthy));
        foreach (var (key, lease) in deployment)
        {
            if (_knownSites.Contains(key))
            {
                _leaseHeld.WithLabels(key).Set(lease.Holder is not null && lease.Holder == health.Instance ? 1 : 0);
                _leaseAge.WithLabels(key).Set(lease.LeaseAgeSeconds ?? 0);
            }
        }
    }

    /// <summary>A site's own webhook is labelled by its site key(s); a route's destination by its key, a hash of the URL.</summary>
    private bool IsDestinationLabel(string label) =>
        label.Split('+').All(_knownSites.Contains) || DestinationKeyPattern().IsMatch(label);

    [GeneratedRegex("^[a-z]+-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex DestinationKeyPattern();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Reading metrics failed; /metrics shows the last values. Please report this with the exception below.")]
        public static partial void SourceFailed(ILogger logger, Exception exception);
    }
}
