using System.Globalization;
using WatchMonitor.CrashTests.Shared;

namespace WatchMonitor.CrashTests.Failover;

/// <summary>The figures a failover run reports.</summary>
internal sealed class FailoverFigures : RunFigures
{
    public int Instances { get; set; }

    public int LeaseSeconds { get; set; }

    public int RestartsAtOnce { get; private set; }

    public int RestartsAfterPause { get; private set; }

    public TimeSpan LongestPause { get; private set; }

    public int Takeovers { get; private set; }

    public int TakeoversByRestarted { get; private set; }

    public TimeSpan LongestGap { get; private set; }

    public TimeSpan TotalGap { get; private set; }

    public void CountRestart(TimeSpan pause)
    {
        if (pause == TimeSpan.Zero)
        {
            RestartsAtOnce++;
        }
        else
        {
            RestartsAfterPause++;
            LongestPause = pause > LongestPause ? pause : LongestPause;
        }
    }

    public void CountTakeover(TimeSpan gap, bool byRestarted)
    {
        Takeovers++;
        TakeoversByRestarted += byRestarted ? 1 : 0;
        TotalGap += gap;
        LongestGap = gap > LongestGap ? gap : LongestGap;
    }

    public string Format()
    {
        var meanGap = Takeovers == 0 ? 0 : TotalGap.TotalSeconds / Takeovers;
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Failover test figures (seed {Seed}, {Instances} instances, LEASE_SECONDS={LeaseSeconds})
              kills:                      {Kills} ({Phases})
              restarts:                   {RestartsAtOnce + RestartsAfterPause} ({RestartsAtOnce} at once, {RestartsAfterPause} after a pause of up to {LongestPause.TotalSeconds:F1} s), each under a new INSTANCE_NAME
              sites taken over:           {Takeovers} ({Takeovers - TakeoversByRestarted} by a surviving instance, {TakeoversByRestarted} by the restarted one)
              longest site gap:           {LongestGap.TotalSeconds:F2} s (mean {meanGap:F2} s; allowed {2 * LeaseSeconds} s = 2 × LEASE_SECONDS)
              listings created:           {ListingsCreated}{(ListingsNotAlertable > 0 ? $" (+{ListingsNotAlertable} the adapters skip by design)" : "")}
              alerts received:            {Alerts}
              never alerted (lost):       {NeverAlerted}
              duplicates:                 {Duplicates}
              kills between Discord's acceptance and the outbox acknowledgement: {KillsBetweenAcceptanceAndAcknowledgement}
                (messages in flight there: {MessagesAcceptedButUnacknowledged}; listings in them: {MaxAllowedDuplicates})
              max allowed duplicates:     {MaxAllowedDuplicates} (one per listing per such kill)
              alerted by two live instances: {BeyondAllowance}
              seen ids tracked:           {SeenIds} ({SeenIdsLost} lost)
              run time:                   {RunTime.TotalSeconds:F1} s
            """);
        return WithProblemsAndFailures(text);
    }
}
