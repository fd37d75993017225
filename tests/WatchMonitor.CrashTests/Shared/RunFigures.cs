namespace WatchMonitor.CrashTests.Shared;

/// <summary>What every kill -9 run reports: kills, the alert ledger's outcome, seen ids and the monitors' problems.</summary>
internal abstract class RunFigures
{
    public int Seed { get; set; }

    public int Kills { get; private set; }

    public SortedDictionary<KillPhase, int> KillsByPhase { get; } = [];

    public int ListingsCreated { get; set; }

    public int ListingsNotAlertable { get; private set; }

    public int Alerts { get; private set; }

    public int NeverAlerted { get; private set; }

    public int Duplicates { get; private set; }

    public int MaxAllowedDuplicates { get; private set; }

    /// <summary>Listings alerted more often than kills in their delivery window explain.</summary>
    public int BeyondAllowance { get; private set; }

    public int KillsBetweenAcceptanceAndAcknowledgement { get; set; }

    public int MessagesAcceptedButUnacknowledged { get; set; }

    public int SeenIds { get; set; }

    public int SeenIdsLost { get; set; }

    public SortedDictionary<string, int> MonitorProblems { get; } = new(StringComparer.Ordinal);

    public TimeSpan RunTime { get; private set; }

    public List<string> Failures { get; } = [];

    protected string Phases => string.Join(", ", KillsByPhase.Select(pair => $"{pair.Key} {pair.Value}"));

    public void CountKill(KillPhase phase)
    {
        Kills++;
        KillsByPhase[phase] = KillsByPhase.GetValueOrDefault(phase) + 1;
    }

    /// <summary>The end of a run: the ledger's tally of what was created, and what the run and the monitors logged.</summary>
    public void RecordOutcome(AlertTally tally, ListingChurn churn, TimeSpan runTime, IEnumerable<string> failures, IReadOnlyDictionary<string, int> monitorProblems)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(churn);
        ArgumentNullException.ThrowIfNull(monitorProblems);
        ListingsCreated = churn.Created.Count;
        ListingsNotAlertable = churn.NotAlertable;
        Alerts = tally.Alerts;
        NeverAlerted = tally.NeverAlerted;
        Duplicates = tally.Duplicates;
        MaxAllowedDuplicates = tally.MaxAllowedDuplicates;
        BeyondAllowance = tally.BeyondAllowance;
        RunTime = runTime;
        Failures.AddRange(failures);
        foreach (var (problem, count) in monitorProblems)
        {
            MonitorProblems[problem] = count;
        }
    }

    /// <summary><paramref name="figures"/> followed by the monitors' most frequent problems and the run's failures.</summary>
    protected string WithProblemsAndFailures(string figures)
    {
        var problems = MonitorProblems
            .GroupBy(pair => pair.Key.Length > 150 ? pair.Key[..150] + "…" : pair.Key, StringComparer.Ordinal)
            .Select(group => (Line: group.Key, Count: group.Sum(pair => pair.Value)))
            .OrderByDescending(problem => problem.Count)
            .Take(15)
            .Select(problem => $"{problem.Count,5} × {problem.Line}");
        var text = figures + $"\n  monitor warnings/errors:    {MonitorProblems.Values.Sum()}\n    " + string.Join("\n    ", problems);
        return Failures.Count == 0 ? text : text + "\n  failures:\n    " + string.Join("\n    ", Failures.Take(20));
    }
}
