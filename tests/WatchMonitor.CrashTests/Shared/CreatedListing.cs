namespace WatchMonitor.CrashTests.Shared;

/// <summary>A listing a run added to a fake dealer after the baseline: the monitor owes one alert for it.</summary>
internal sealed class CreatedListing(string siteKey, int id, string url, int createdBeforeKill)
{
    public string SiteKey { get; } = siteKey;

    public int Id { get; } = id;

    public string Url { get; } = url;

    public int CreatedBeforeKill { get; } = createdBeforeKill;

    /// <summary>Alerted, so the churn may take it off the page again.</summary>
    public bool Retired { get; set; }

    // Where the listing was at each check, for the story of a failure: "k12:seen+queued".
    public List<string> Trace { get; } = [];
}
