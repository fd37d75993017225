using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Core.Tests.Monitoring.Health;

public sealed class HealthEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Check interval 5 min and startup grace 5 min: a stall is more than 15 min after the last cycle, or more than
    /// 20 min after start before the first. Sites: one entry per site, consecutive failures, then L for a suspected
    /// layout change and W for a stopped webhook. Memory thresholds: warning 400 MB, critical 500 MB.
    /// </summary>
    [Theory]
    [InlineData("all fine", 100, false, 4, 60, "0,0,0", 0, 0, HealthStatus.Healthy)]
    [InlineData("memory at warning", 400, false, 4, 60, "0,0,0", 0, 0, HealthStatus.Degraded)]
    [InlineData("memory still in degraded mode below warning", 300, true, 4, 60, "0,0,0", 0, 0, HealthStatus.Degraded)]
    [InlineData("memory just below critical", 499.9, false, 4, 60, "0,0,0", 0, 0, HealthStatus.Degraded)]
    [InlineData("memory at critical", 500, true, 4, 60, "0,0,0", 0, 0, HealthStatus.Unhealthy)]
    [InlineData("last cycle exactly 3 intervals ago", 100, false, 15, 60, "0,0,0", 0, 0, HealthStatus.Healthy)]
    [InlineData("last cycle over 3 intervals ago", 100, false, 16, 60, "0,0,0", 0, 0, HealthStatus.Unhealthy)]
    [InlineData("no cycle yet, within grace + 3 intervals", 100, false, -1, 19, "0,0,0", 0, 0, HealthStatus.Healthy)]
    [InlineData("no cycle yet, past grace + 3 intervals", 100, false, -1, 21, "0,0,0", 0, 0, HealthStatus.Unhealthy)]
    [InlineData("one site failed once", 100, false, 4, 60, "1,0,0", 0, 0, HealthStatus.Degraded)]
    [InlineData("every site failing twice", 100, false, 4, 60, "2,2,2", 0, 0, HealthStatus.Degraded)]
    [InlineData("every site failing 3+ times", 100, false, 4, 60, "3,5,3", 0, 0, HealthStatus.Unhealthy)]
    [InlineData("two sites down, one fine", 100, false, 4, 60, "3,3,0", 0, 0, HealthStatus.Degraded)]
    [InlineData("single enabled site down", 100, false, 4, 60, "3", 0, 0, HealthStatus.Unhealthy)]
    [InlineData("suspected layout change", 100, false, 4, 60, "0,0L,0", 0, 0, HealthStatus.Degraded)]
    [InlineData("webhook stopped", 100, false, 4, 60, "0W,0,0", 0, 0, HealthStatus.Degraded)]
    [InlineData("outbox waiting, stalled 2 cycles", 100, false, 4, 60, "0,0,0", 5, 2, HealthStatus.Healthy)]
    [InlineData("outbox waiting, stalled 3 cycles", 100, false, 4, 60, "0,0,0", 5, 3, HealthStatus.Degraded)]
    [InlineData("outbox empty, stall counter stale", 100, false, 4, 60, "0,0,0", 0, 3, HealthStatus.Healthy)]
    [InlineData("no enabled site", 100, false, 4, 60, "", 0, 0, HealthStatus.Healthy)]
    [InlineData("degraded and unhealthy together", 450, false, 30, 60, "1W,0L", 5, 9, HealthStatus.Unhealthy)]
    public void Evaluate_Scenario_ReturnsStatus(
        string scenario, double rssMb, bool degradedMode, int minutesSinceLastCycle, int minutesSinceStart,
        string sites, int outboxPending, int outboxStalledCycles, HealthStatus expected)
    {
        var facts = Facts(rssMb, degradedMode, minutesSinceLastCycle, minutesSinceStart, sites, outboxPending, outboxStalledCycles);

        var assessment = HealthEvaluator.Evaluate(facts);

        Assert.True(expected == assessment.Status, $"{scenario}: expected {expected}, got {assessment.Status} ({string.Join("; ", assessment.Reasons)})");
        Assert.Equal(expected == HealthStatus.Healthy, assessment.Reasons.Count == 0);
    }

    [Fact]
    public void Evaluate_MixedProblems_ListsUnhealthyReasonsFirst()
    {
        var assessment = HealthEvaluator.Evaluate(Facts(450, false, 30, 60, "1W,0L", 5, 9));

        Assert.Equal(
            [
                "no cycle has completed for 30 min (limit 15 min: 3 × the check interval)",
                "memory degraded: 450 MB (warning threshold 400 MB)",
                "s0: failing (1 in a row)",
                "s0: webhook stopped",
                "s1: suspected layout change",
                "outbox not draining: 5 message(s) waiting, none delivered for 9 cycles",
            ],
            assessment.Reasons);
    }

    [Fact]
    public void Evaluate_NoCycleSinceStart_SaysSo()
    {
        var assessment = HealthEvaluator.Evaluate(Facts(100, false, -1, 25, "0", 0, 0));

        Assert.Equal(["no cycle has completed in the 25 min since start (limit 20 min)"], assessment.Reasons);
    }

    [Fact]
    public void Evaluate_AllSitesDownAndCritical_NamesBoth()
    {
        var assessment = HealthEvaluator.Evaluate(Facts(612, true, 4, 60, "3,4", 0, 0));

        Assert.Equal(HealthStatus.Unhealthy, assessment.Status);
        Assert.Contains("memory 612 MB is at or above the critical threshold of 500 MB", assessment.Reasons);
        Assert.Contains("every enabled site has failed at least 3 times in a row", assessment.Reasons);
        Assert.DoesNotContain(assessment.Reasons, reason => reason.StartsWith("memory degraded", StringComparison.Ordinal));
    }

    private static HealthFacts Facts(
        double rssMb, bool degradedMode, int minutesSinceLastCycle, int minutesSinceStart, string sites, int outboxPending, int outboxStalledCycles)
    {
        var siteHealth = sites
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select((entry, index) => (Key: $"s{index}", Health: new SiteHealth(
                Now.AddMinutes(-5),
                int.Parse(entry.TrimEnd('L', 'W'), System.Globalization.CultureInfo.InvariantCulture),
                entry.StartsWith('0') ? 30 : 0,
                SuspectedLayoutChange: entry.Contains('L', StringComparison.Ordinal),
                WebhookStopped: entry.Contains('W', StringComparison.Ordinal))))
            .ToDictionary(site => site.Key, site => site.Health, StringComparer.Ordinal);
        return new HealthFacts(
            Now,
            Now.AddMinutes(-minutesSinceStart),
            TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(5),
            minutesSinceLastCycle < 0 ? null : Now.AddMinutes(-minutesSinceLastCycle),
            new MemoryHealth(rssMb, 50, 400, 500, degradedMode),
            siteHealth,
            outboxPending,
            outboxStalledCycles);
    }
}
