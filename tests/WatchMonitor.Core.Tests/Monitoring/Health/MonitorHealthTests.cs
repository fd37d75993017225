using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications;

namespace WatchMonitor.Core.Tests.Monitoring.Health;

public sealed class MonitorHealthTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SiteStatusBoard _board = new();
    private readonly DeliveryCounters _deliveries = new();
    private readonly FakeGauges _gauges = new();
    private readonly MonitorHealth _health;

    public MonitorHealthTests()
    {
        var options = new MonitorOptions { CheckIntervalSeconds = 300, SkipSites = "tropicalwatch,watch_out,rueschenbeck" };
        var sites = MonitoredSites.Resolve(new ConfigurationBuilder().Build(), options);
        _health = new MonitorHealth(
            Options.Create(new HealthOptions { StartupGraceSeconds = 60 }),
            options,
            sites,
            _board,
            _deliveries,
            _gauges,
            new LayoutChangeDetector(),
            _time);
    }

    [Fact]
    public void Current_BeforeFirstCycle_HealthyWithEnabledSitesOnly()
    {
        var snapshot = _health.Current();

        Assert.Equal(HealthStatus.Healthy, snapshot.Status);
        Assert.Null(snapshot.LastCycle);
        Assert.Equal(0, snapshot.Cycles);
        Assert.Equal(["grimmeissen", "juwelier_exchange", "worldoftime"], snapshot.Sites.Keys.Order(StringComparer.Ordinal));
        Assert.All(snapshot.Sites.Values, site => Assert.Null(site.LastSuccessAt));
    }

    [Fact]
    public void Current_NoCycleWithinGraceAndThreeIntervals_Unhealthy()
    {
        _time.Advance(TimeSpan.FromSeconds(60 + 900));
        Assert.Equal(HealthStatus.Healthy, _health.Current().Status);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Unhealthy, _health.Current().Status);

        RunCycle(("worldoftime", 40), ("grimmeissen", 20), ("juwelier_exchange", 12));
        Assert.Equal(HealthStatus.Healthy, _health.Current().Status);

        _time.Advance(TimeSpan.FromSeconds(901));
        Assert.Equal(HealthStatus.Unhealthy, _health.Current().Status);
    }

    [Fact]
    public void RecordCycle_Report_ShowsLastCycleAndCounts()
    {
        RunCycle(("worldoftime", 40), ("grimmeissen", 20), ("juwelier_exchange", -1));
        var started = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(42.5));
        _health.RecordCycle(new CycleReport(started, _time.GetUtcNow(),
        [
            new SiteScanResult("worldoftime", 41, 1, 1, Failed: false, Baseline: false),
            new SiteScanResult("grimmeissen", 20, 0, 0, Failed: false, Baseline: false),
            new SiteScanResult("juwelier_exchange", 0, 0, 0, Failed: true, Baseline: false, "timed out"),
        ]));
        _deliveries.Sent("worldoftime", "discord-000000000001", 1);

        var snapshot = _health.Current();
        var metrics = ((IMetricsSource)_health).Current();

        Assert.Equal(new CycleHealth(started, started.AddSeconds(42.5), 42.5, 1, 1), snapshot.LastCycle);
        Assert.Equal(2, snapshot.Cycles);
        Assert.Equal(HealthStatus.Degraded, snapshot.Status);
        Assert.Equal(42.5, metrics.CycleSecondsTotal);
        Assert.Equal(new SiteCounters(81, 1, 0, 1, 0), metrics.Sites["worldoftime"]);
        Assert.Equal(new SiteCounters(0, 0, 2, 0, 0), metrics.Sites["juwelier_exchange"]);
    }

    [Fact]
    public void RecordCycle_EmptyPageThreeTimes_FlagsOnceAndClears()
    {
        RunCycle(("worldoftime", 40), ("grimmeissen", 20), ("juwelier_exchange", 12));
        Assert.Empty(RunCycle(("worldoftime", 0), ("grimmeissen", 20), ("juwelier_exchange", 12)));
        Assert.Empty(RunCycle(("worldoftime", 0), ("grimmeissen", 20), ("juwelier_exchange", -1)));

        var flagged = RunCycle(("worldoftime", 0), ("grimmeissen", 20), ("juwelier_exchange", 12));
        var again = RunCycle(("worldoftime", 0), ("grimmeissen", 20), ("juwelier_exchange", 12));

        var transition = Assert.Single(flagged);
        Assert.Equal(("worldoftime", LayoutChangeTransition.Flagged), (transition.SiteKey, transition.Transition));
        Assert.Empty(again);
        Assert.True(_health.Current().Sites["worldoftime"].SuspectedLayoutChange);
        Assert.Contains("worldoftime: suspected layout change", _health.Current().Reasons);

        var cleared = Assert.Single(RunCycle(("worldoftime", 39), ("grimmeissen", 20), ("juwelier_exchange", 12)));
        Assert.Equal(LayoutChangeTransition.Cleared, cleared.Transition);
        Assert.Equal(HealthStatus.Healthy, _health.Current().Status);
    }

    [Fact]
    public void Current_OutboxWaitingWithoutDeliveries_DegradedAfterThreeCycles()
    {
        _gauges.OutboxPending = 4;
        RunCycle(("worldoftime", 40));
        RunCycle(("worldoftime", 40));
        Assert.Equal(HealthStatus.Healthy, _health.Current().Status);

        RunCycle(("worldoftime", 40));
        Assert.Equal(HealthStatus.Degraded, _health.Current().Status);
        Assert.Equal(4, _health.Current().Outbox);

        _deliveries.Sent("worldoftime", "discord-000000000001", 1);
        RunCycle(("worldoftime", 40));
        Assert.Equal(HealthStatus.Healthy, _health.Current().Status);
    }

    [Fact]
    public void Current_MemoryAboveWarning_MarksMemoryDegraded()
    {
        _gauges.Memory = new MemoryHealth(420, 100, 400, 500, Degraded: false);

        var snapshot = _health.Current();

        Assert.True(snapshot.Memory.Degraded);
        Assert.Equal(HealthStatus.Degraded, snapshot.Status);
    }

    [Fact]
    public void Current_ErrorHoldingWebhookUrl_MasksIt()
    {
        _board.RecordFailure("grimmeissen", "POST https://discord.com/api/webhooks/123456789/tok-SECRET failed");
        _board.SetWebhookStopped("grimmeissen", true);

        var snapshot = _health.Current();

        Assert.Equal("POST https://discord.com/api/webhooks/1234…/*** failed", snapshot.Sites["grimmeissen"].LastError);
        Assert.True(snapshot.Sites["grimmeissen"].WebhookStopped);
        Assert.DoesNotContain("tok-SECRET", string.Join(" ", snapshot.Reasons), StringComparison.Ordinal);
    }

    /// <summary>Runs a cycle at the current time; a count of -1 is a failed site.</summary>
    private IReadOnlyList<LayoutChangeResult> RunCycle(params (string Site, int Listings)[] sites)
    {
        var now = _time.GetUtcNow();
        foreach (var (site, listings) in sites)
        {
            if (listings < 0)
            {
                _board.RecordFailure(site, "timed out");
            }
            else
            {
                _board.RecordSuccess(site, now, listings);
            }
        }

        return _health.RecordCycle(new CycleReport(now, now,
            [.. sites.Select(site => new SiteScanResult(site.Site, Math.Max(site.Listings, 0), 0, 0, site.Listings < 0, Baseline: false))]));
    }

    private sealed class FakeGauges : IMonitorGauges
    {
        public MemoryHealth Memory { get; set; } = new(120, 40, 400, 500, Degraded: false);

        public int OutboxPending { get; set; }

        public MemoryHealth ReadMemory() => Memory;
    }
}
