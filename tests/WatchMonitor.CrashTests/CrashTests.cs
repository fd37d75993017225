using System.Globalization;
using Xunit.Abstractions;

namespace WatchMonitor.CrashTests;

/// <summary>
/// Issue 6 part 2: the real watchmon, SIGKILLed at random moments during fetches, state writes and deliveries and
/// restarted each time, loses no listing and no seen id, never leaves an unreadable state file, and alerts a
/// listing twice only where a kill fell between Discord's acceptance and the outbox acknowledgement.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const string SeedVariable = "WATCHMON_CRASH_SEED";

    [Fact]
    public async Task Run_TwentyKills_NothingLostOrCorrupted() =>
        await RunAsync(kills: 20, deadline: TimeSpan.FromSeconds(100));

    [CrashRunFact]
    public async Task Run_KillsFromEnvironment_NothingLostOrCorrupted()
    {
        var kills = int.Parse(Environment.GetEnvironmentVariable(CrashRunFactAttribute.KillsVariable)!, CultureInfo.InvariantCulture);
        // About 2.5 s per kill on 2 cores; the deadline leaves room for a loaded machine and still ends a stuck run.
        await RunAsync(kills, deadline: TimeSpan.FromSeconds(60 + (kills * 6)));
    }

    private async Task RunAsync(int kills, TimeSpan deadline)
    {
        var seedText = Environment.GetEnvironmentVariable(SeedVariable);
        var seed = string.IsNullOrWhiteSpace(seedText) ? 6 : int.Parse(seedText, CultureInfo.InvariantCulture);
        // The deadline bounds the kill loop; the final clean run and teardown get their own bounded waits on top.
        using var cancellation = new CancellationTokenSource(deadline + TimeSpan.FromMinutes(3));

        var figures = await CrashRun.RunAsync(new CrashRunOptions(kills, seed, deadline), Report, cancellation.Token);

        Assert.True(figures.Failures.Count == 0, figures.Format());
        Assert.Equal(kills, figures.Kills);
        Assert.True(figures.Duplicates <= figures.MaxAllowedDuplicates, figures.Format());
    }

    private void Report(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}
