using System.Globalization;

namespace WatchMonitor.CrashTests.Failover;

/// <summary>The figures a failover run reports.</summary>
internal sealed class FailoverFigures
{
    public int Seed { get; set; }

    public int Instances { get; set; }

    public int LeaseSeconds { get; set; }

    public int Kills { get; private set; }

    public SortedDictionary<KillPhase, int> KillsByPhase { get; } = [];

    public int RestartsAtOnce { get; private set; }

    public int RestartsAfterPause { get; private set; }

    public TimeSpan LongestPause { get; private set; }

    public int Takeovers { get; private set; }

    public int TakeoversByRestarted { get; private set; }

    public TimeSpan LongestGap { get; private set; }

    public TimeSpan TotalGap { get; private set; }

    public int ListingsCreated { get; set; }

    public int ListingsNotAlertable { get; set; }

    public int Alerts { get; set; }

    public int NeverAlerted { get; set; }

    public int Duplicates { get; set; }

    public int MaxAllowedDuplicates { get; set; }

    /// <summary>Listings alerted more often than kills in their delivery window explain: sent by two live instances.</summary>
    public int BeyondAllowance { get; set; }

    public int KillsBetweenAcceptanceAndAcknowledgement { get; set; }

    public int MessagesAcceptedButUnacknowledged { get; set; }

    public int SeenIds { get; set; }

    public int SeenIdsLost { get; set; }

    public SortedDictionary<string, int> MonitorProblems { get; } = new(StringComparer.Ordinal);

    public TimeSpan RunTime { get; set; }

    public List<string> Failures { get; } = [];

    public void CountKill(KillPhase phase)
    {
        Kills++;
        KillsByPhase[phase] = KillsByPhase.GetValueOrDefault(phase) + 1;
    }

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
        var phases = string.Join(", ", KillsByPhase.Select(pair => $"{pair.Key} {pair.Value}"));
        var meanGap = Takeovers == 0 ? 0 : TotalGap.TotalSeconds / Takeovers;
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Failover test figures (seed {Seed}, {Instances} instances, LEASE_SECONDS={LeaseSeconds})
              kills:                      {Kills} ({phases})
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
        var problems = MonitorProblems
            .GroupBy(pair => pair.Key.Length > 150 ? pair.Key[..150] + "…" : pair.Key, StringComparer.Ordinal)
            .Select(group => (Line: group.Key, Count: group.Sum(pair => pair.Value)))
            .OrderByDescending(problem => problem.Count)
            .Take(15)
            .Select(problem => $"{problem.Count,5} × {problem.Line}");
        text += $"\n  monitor warnings/errors:    {MonitorProblems.Values.Sum()}\n    " + string.Join("\n    ", problems);
        return Failures.Count == 0 ? text : text + "\n  failures:\n    " + string.Join("\n    ", Failures.Take(20));
    }
}
