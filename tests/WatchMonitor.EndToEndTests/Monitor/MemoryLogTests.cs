using Microsoft.Extensions.Logging;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor;

/// <summary>The README promises one memory line per cycle, and a periodic cleanup that says what it freed.</summary>
public sealed class MemoryLogTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    [Fact]
    public async Task RunOnce_TenCycles_LogsOneMemoryLinePerCycleAndWhatTheCleanupFreed()
    {
        await using var monitor = Harness.StartMonitor([new("FORCE_GC_EVERY_N_CYCLES", "5")]);

        for (var cycle = 0; cycle < 10; cycle++)
        {
            foreach (var site in Harness.Server.Sites)
            {
                site.Add();
            }

            await monitor.RunCycleAsync();
        }

        var memoryLines = Harness.Logs.Entries
            .Where(entry => entry.Level == LogLevel.Information && entry.Message.StartsWith("Memory ", StringComparison.Ordinal))
            .Select(entry => entry.Message[..entry.Message.IndexOf(':', StringComparison.Ordinal)])
            .ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(cycle => $"Memory after cycle {cycle}"), memoryLines);

        var periodic = Harness.Logs.Matching(LogLevel.Information, "Periodic cleanup after cycle ");
        Assert.Equal(2, periodic.Count);
        Assert.All(periodic, entry => Assert.Contains("steps succeeded and freed", entry.Message, StringComparison.Ordinal));
        var trims = Harness.Logs.Matching(LogLevel.Information, "Cleanup step 'native heap' (Periodic): resident memory ");
        Assert.Equal(2, trims.Count);
        foreach (var trim in trims)
        {
            Output.WriteLine(trim.Message);
        }
    }
}
