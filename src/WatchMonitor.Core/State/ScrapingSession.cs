using System.Globalization;

namespace WatchMonitor.State;

/// <summary>One monitoring cycle as <c>session_history.json</c> records it (docs/python-monitor.md).</summary>
public sealed record ScrapingSession
{
    /// <summary>Local start time as <c>yyyyMMdd_HHmmss</c>; see <see cref="FormatSessionId"/>.</summary>
    public required string SessionId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>Sites attempted, failed ones included.</summary>
    public int SitesScraped { get; init; }

    public int TotalWatchesFound { get; init; }

    public int TotalNewWatches { get; init; }

    /// <summary>Successful Discord posts.</summary>
    public int NotificationsSent { get; init; }

    /// <summary>Sites whose scrape failed.</summary>
    public int ErrorsEncountered { get; init; }

    /// <summary>Process resident memory at the start, MiB.</summary>
    public double? MemoryUsageStartMb { get; init; }

    public double? MemoryUsageEndMb { get; init; }

    public double? MemoryDeltaMb { get; init; }

    /// <summary>The sites run this cycle, in completion order.</summary>
    public IReadOnlyList<SiteSessionStats> SiteStats { get; init; } = [];

    public static string FormatSessionId(DateTimeOffset startedAt, TimeZoneInfo localZone) =>
        TimeZoneInfo.ConvertTime(startedAt, localZone).ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
}

/// <summary>One site's <c>site_stats</c> entry of a session.</summary>
public sealed record SiteSessionStats(string SiteKey, int TotalFound, int NewFound, int NotificationsSent, int Errors);
