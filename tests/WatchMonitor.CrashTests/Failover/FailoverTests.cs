using System.Globalization;
using Xunit.Abstractions;

namespace WatchMonitor.CrashTests.Failover;

/// <summary>
/// Three real watchmon instances on one PostgreSQL database, one SIGKILLed at a time and restarted under a new
/// name: the others take its sites over within 2 × LEASE_SECONDS and its claimed messages once the claims expire,
/// no listing is lost, and a listing is alerted twice only where a kill fell in its message's delivery window.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const string SeedVariable = "WATCHMON_FAILOVER_SEED";
    private const int LeaseSeconds = 5;

    [FailoverFact]
    public async Task Run_SevenKills_SitesTakenOverAndNothingLost() =>
        await RunAsync(kills: 7, deadline: TimeSpan.FromSeconds(240));

    [FailoverRunFact]
    public async Task Run_KillsFromEnvironment_SitesTakenOverAndNothingLost()
    {
        var kills = int.Parse(Environment.GetEnvironmentVariable(FailoverRunFactAttribute.KillsVariable)!, CultureInfo.InvariantCulture);
        // About 10 s per kill on 2 cores (a takeover waits for the lease to expire); room for a loaded machine.
        await RunAsync(kills, deadline: TimeSpan.FromSeconds(60 + (kills * 20)));
    }

    private async Task RunAsync(int kills, TimeSpan deadline)
    {
        var seedText = Environment.GetEnvironmentVariable(SeedVariable);
        var seed = string.IsNullOrWhiteSpace(seedText) ? 11 : int.Parse(seedText, CultureInfo.InvariantCulture);
        // The deadline bounds the kill loop; the clean period and teardown get their own bounded waits on top.
        using var cancellation = new CancellationTokenSource(deadline + TimeSpan.FromMinutes(4));

        var figures = await FailoverRun.RunAsync(new FailoverRunOptions(kills, seed, deadline, LeaseSeconds: LeaseSeconds), Report, cancellation.Token);

        Assert.True(figures.Failures.Count == 0, figures.Format());
        Assert.Equal(kills, figures.Kills);
        Assert.True(figures.LongestGap <= TimeSpan.FromSeconds(2 * LeaseSeconds), figures.Format());
        Assert.Equal(0, figures.NeverAlerted);
        Assert.Equal(0, figures.BeyondAllowance);
        Assert.True(figures.Duplicates <= figures.MaxAllowedDuplicates, figures.Format());
    }

    private void Report(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}
