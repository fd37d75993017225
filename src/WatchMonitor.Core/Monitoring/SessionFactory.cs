using WatchMonitor.Notifications;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring;

/// <summary>Turns a cycle's report into a session-history entry (docs/python-monitor.md).</summary>
public static class SessionFactory
{
    public static ScrapingSession From(
        CycleReport report,
        IReadOnlyDictionary<string, long> sentBySite,
        double? memoryStartMb,
        double? memoryEndMb,
        TimeZoneInfo localZone)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sentBySite);
        return new ScrapingSession
        {
            SessionId = ScrapingSession.FormatSessionId(report.StartedAt, localZone),
            StartedAt = report.StartedAt,
            EndedAt = report.EndedAt,
            DurationSeconds = report.Duration.TotalSeconds,
            SitesScraped = report.Sites.Count,
            TotalWatchesFound = report.ListingsFound,
            TotalNewWatches = report.NewListings,
            NotificationsSent = (int)sentBySite.Values.Sum(),
            ErrorsEncountered = report.Errors,
            MemoryUsageStartMb = memoryStartMb,
            MemoryUsageEndMb = memoryEndMb,
            MemoryDeltaMb = memoryStartMb is { } start && memoryEndMb is { } end ? end - start : null,
            SiteStats =
            [
                .. report.Sites.Select(site => new SiteSessionStats(
                    site.SiteKey,
                    site.ListingsFound,
                    site.NewListings,
                    (int)sentBySite.GetValueOrDefault(site.SiteKey),
                    site.Failed ? 1 : 0)),
            ],
        };
    }
}
