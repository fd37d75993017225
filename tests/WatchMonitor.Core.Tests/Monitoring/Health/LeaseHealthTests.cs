using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WatchMonitor.Configuration;
using WatchMonitor.Core.Tests.State;
using WatchMonitor.Monitoring;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Monitoring.Leases;
using WatchMonitor.Notifications;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.Monitoring.Health;

/// <summary>/health's instance, sites held and deployment view, from two instances' leases on one real SQLite file.</summary>
public sealed class LeaseHealthTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly StateTestContext _context = new();
    private readonly IReadOnlyList<MonitoredSite> _sites;
    private readonly LeaseKeeper _a;
    private readonly LeaseKeeper _b;
    private readonly MonitorHealth _health;

    public LeaseHealthTests()
    {
        var options = new MonitorOptions { SkipSites = "tropicalwatch,watch_out,rueschenbeck" };
        _sites = MonitoredSites.Resolve(new ConfigurationBuilder().Build(), options);
        _a = Keeper("alpha");
        _b = Keeper("beta");
        _health = new MonitorHealth(
            Options.Create(new HealthOptions { StartupGraceSeconds = 60 }),
            options,
            _sites,
            new SiteStatusBoard(),
            new DeliveryCounters(),
            new Gauges(),
            new LayoutChangeDetector(),
            _context.Time,
            leases: _a);
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Current_TwoInstances_ShowsThisInstanceItsSitesAndEveryHolder()
    {
        _a.Refresh();
        _b.Refresh();
        _a.Refresh();
        _b.Refresh();
        _context.Time.Advance(TimeSpan.FromSeconds(4));
        _a.Refresh();

        var snapshot = _health.Current();

        Assert.Equal("alpha", snapshot.Instance);
        Assert.Equal(["grimmeissen", "juwelier_exchange"], snapshot.SitesHeld!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, snapshot.SitesHeld["grimmeissen"].AgeSeconds);
        Assert.Equal(4, snapshot.Deployment!["worldoftime"].LeaseAgeSeconds);
        Assert.Equal("alpha", snapshot.Deployment["juwelier_exchange"].Holder);
        Assert.Equal("beta", snapshot.Deployment["worldoftime"].Holder);
        Assert.All(snapshot.Deployment.Values, site => Assert.True(site.Healthy));
        Assert.Equal(HealthStatus.Healthy, snapshot.Status);

        var json = JsonSerializer.Serialize(snapshot, HealthJsonContext.Default.HealthSnapshot);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("alpha", document.RootElement.GetProperty("instance").GetString());
        Assert.True(document.RootElement.GetProperty("sitesHeld").TryGetProperty("grimmeissen", out _));
        Assert.Equal("beta", document.RootElement.GetProperty("deployment").GetProperty("worldoftime").GetProperty("holder").GetString());
        Assert.True(document.RootElement.TryGetProperty("sites", out _));
        var read = JsonSerializer.Deserialize(json, HealthJsonContext.Default.HealthSnapshot)!;
        Assert.Equal("beta", read.Deployment!["worldoftime"].Holder);
        Assert.Equal(snapshot.SitesHeld["grimmeissen"], read.SitesHeld!["grimmeissen"]);
    }

    [Fact]
    public void Current_ASiteNobodyHolds_IsFlaggedAndUnhealthyOnceFreeLongerThanALease()
    {
        _a.Refresh();
        _b.Refresh();
        _a.Refresh();
        _b.Refresh();

        _context.Time.Advance(Lease);
        _a.Refresh();
        var expired = _health.Current();
        Assert.False(expired.Deployment!["worldoftime"].Healthy);
        Assert.Null(expired.Deployment["worldoftime"].Holder);
        Assert.Equal(HealthStatus.Healthy, expired.Status);

        _context.Time.Advance(Lease * 3);
        Assert.Equal(HealthStatus.Healthy, _health.Current().Status);
    }

    [Fact]
    public void Evaluate_ASiteFreeLongerThanALeaseAtTheLastRound_Unhealthy()
    {
        var now = _context.Time.GetUtcNow();
        var facts = new HealthFacts(now, now.AddHours(-1), TimeSpan.FromMinutes(5), TimeSpan.Zero, now, new MemoryHealth(120, 40, 400, 500, false),
            new Dictionary<string, SiteHealth>(), 0, 0)
        {
            Deployment = new Dictionary<string, SiteLeaseHealth>
            {
                ["grimmeissen"] = new("alpha", 40, now.AddSeconds(20), Healthy: true),
                ["worldoftime"] = new(null, null, now.AddSeconds(-31), Healthy: false, now.AddSeconds(-31)),
            },
            LeaseDuration = Lease,
            LeasesReadAt = now,
        };

        var assessment = HealthEvaluator.Evaluate(facts);

        Assert.Equal(HealthStatus.Unhealthy, assessment.Status);
        Assert.Equal("worldoftime: no instance has held its lease for 31 s, so nobody scans it: start an instance, or check that the running ones reach the database", Assert.Single(assessment.Reasons));
        Assert.Equal(HealthStatus.Healthy, HealthEvaluator.Evaluate(facts with
        {
            Deployment = new Dictionary<string, SiteLeaseHealth> { ["worldoftime"] = facts.Deployment["worldoftime"] with { FreeSince = now.AddSeconds(-29) } },
        }).Status);
    }

    [Fact]
    public void Current_WithoutLeases_KeepsThePinnedShape()
    {
        var health = new MonitorHealth(
            Options.Create(new HealthOptions()), new MonitorOptions(), _sites, new SiteStatusBoard(), new DeliveryCounters(), new Gauges(), new LayoutChangeDetector(), _context.Time);

        var json = JsonSerializer.Serialize(health.Current(), HealthJsonContext.Default.HealthSnapshot);

        Assert.DoesNotContain("\"instance\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"deployment\"", json, StringComparison.Ordinal);
    }

    private LeaseKeeper Keeper(string name) => new(
        new SiteLeases(new StateDatabase(_context.Options.StateDatabase, _context.Logger<StateDatabase>())),
        _sites,
        new LeaseSettings(name, Lease, SoleInstance: false),
        _context.Time,
        _context.Logger<LeaseKeeper>());

    private sealed class Gauges : IMonitorGauges
    {
        public int OutboxPending => 0;

        public MemoryHealth ReadMemory() => new(120, 40, 400, 500, Degraded: false);
    }
}
