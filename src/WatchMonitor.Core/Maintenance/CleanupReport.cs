namespace WatchMonitor.Maintenance;

/// <summary>Which steps of one cleanup pass succeeded and which failed (with the reason).</summary>
public sealed record CleanupReport(CleanupLevel Level, IReadOnlyList<string> Succeeded, IReadOnlyList<CleanupFailure> Failed)
{
    public bool AllSucceeded => Failed.Count == 0;
}

public sealed record CleanupFailure(string Step, string Error);
