using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Diagnostics;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.EndToEndTests.Reliability;
using WatchMonitor.Monitoring.Health;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>Issue 10, item 5: memory restarts that cannot loop.</summary>
public sealed partial class MemoryRestartLimitTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    [Fact]
    public async Task Run_CriticalThresholdBelowTheStartUpMemory_RefusedWithTheMeasuredFigure()
    {
        var directory = Directory.CreateTempSubdirectory("watchmon-baseline-");
        try
        {
            var result = await WatchmonProcess.RunAsync(directory.FullName, new Dictionary<string, string?>
            {
                ["SKIP_SITES"] = "worldoftime,grimmeissen,tropicalwatch,juwelier_exchange,watch_out,rueschenbeck",
                ["HEALTH_ENABLED"] = "false",
                ["MEMORY_WARNING_THRESHOLD_MB"] = "32",
                ["MEMORY_CRITICAL_THRESHOLD_MB"] = "33",
            }, "run");

            Assert.Equal(2, result.ExitCode);
            var match = Refusal().Match(result.Error);
            Assert.True(match.Success, result.All);
            var measured = int.Parse(match.Groups["mb"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(measured, 23, 2000);
            Assert.Equal((int)Math.Ceiling(measured * 1.5), int.Parse(match.Groups["needed"].Value, System.Globalization.CultureInfo.InvariantCulture), tolerance: 1);
            Assert.DoesNotContain("Cycle done", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Cycle_FourthMemoryRestartWithinAnHour_StaysDegradedAndUnhealthyInstead()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        KeyValuePair<string, string?>[] thresholds = [new("MEMORY_WARNING_THRESHOLD_MB", "400"), new("MEMORY_CRITICAL_THRESHOLD_MB", "500")];
        Harness.Logs.ExpectErrors("MEMORY_CRITICAL_THRESHOLD_MB=500");
        Harness.Logs.ExpectErrors("already restarted 3 times in the last hour");
        var decisions = new List<MemoryPressureDecision>();
        MonitorInstance? fourth = null;
        for (var process = 1; process <= 4; process++)
        {
            // Each restart is a new process on the same state directory, ten minutes after the one before.
            time.Advance(TimeSpan.FromMinutes(10));
            var monitor = Harness.StartMonitor(thresholds, services =>
            {
                MonitorHarness.UseClock(time)(services);
                services.Replace(ServiceDescriptor.Singleton<IProcessMemoryReader>(new FixedMemoryReader(700)));
            });
            await monitor.RunCycleAsync();
            decisions.Add(monitor.Runner.LastMemoryOutcome!.Decision);
            fourth = monitor;
        }

        Assert.Equal(
            [MemoryPressureDecision.RestartRequested, MemoryPressureDecision.RestartRequested, MemoryPressureDecision.RestartRequested, MemoryPressureDecision.RestartLimitReached],
            decisions);
        Assert.True(fourth!.Runner.LastMemoryOutcome!.Degraded);
        Assert.Equal(HealthStatus.Unhealthy, fourth.Services.GetRequiredService<IHealthSource>().Current().Status);
        var refusal = Assert.Single(Harness.Logs.Entries, entry => entry.Message.Contains("already restarted 3 times", StringComparison.Ordinal));
        Assert.Contains("Raise MEMORY_CRITICAL_THRESHOLD_MB (and MemoryMax) to fit this machine", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(Harness.StateDirectory, MemoryRestartBudget.FileName)).Length);
    }

    [GeneratedRegex(@"^error: MEMORY_CRITICAL_THRESHOLD_MB=33 is below 1\.5 x the (?<mb>\d+) MB resident memory measured after start-up: the monitor would restart after every cycle\. Set it to at least (?<needed>\d+) \(default 500\)")]
    private static partial Regex Refusal();
}
