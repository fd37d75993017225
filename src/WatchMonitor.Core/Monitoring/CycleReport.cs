namespace WatchMonitor.Monitoring;

/// <summary>The outcome of one cycle, per site in completion order.</summary>
public sealed record CycleReport(
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<SiteScanResult> Sites)
{
    /// <summary>INSTANCE_NAME of the instance that ran the cycle.</summary>
    public string? Instance { get; init; }

    /// <summary>The sites this instance held the lease of when the cycle ended.</summary>
    public IReadOnlyList<string> HeldSites { get; init; } = [];

    public TimeSpan Duration => EndedAt - StartedAt;

    public int ListingsFound => Sites.Sum(site => site.ListingsFound);

    public int NewListings => Sites.Sum(site => site.NewListings);

    public int Errors => Sites.Count(site => site.Failed);

    public bool AllSucceeded => Errors == 0;
}
