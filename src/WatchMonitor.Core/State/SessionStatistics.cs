namespace WatchMonitor.State;

/// <summary>What <c>watchmon stats --days N</c> shows: the sessions started in the last N days.</summary>
/// <param name="SuccessRate">Share of sessions in which no site failed, 0–1; null without sessions.</param>
/// <param name="AverageDurationSeconds">Over the sessions that recorded a duration; null when none did.</param>
/// <param name="Sites">Per site, ordered by key.</param>
public sealed record SessionStatistics(
    int Days,
    DateTimeOffset Since,
    int Sessions,
    int SuccessfulSessions,
    double? SuccessRate,
    double? AverageDurationSeconds,
    int WatchesFound,
    int NewWatches,
    int NotificationsSent,
    int Errors,
    IReadOnlyList<SiteStatistics> Sites)
{
    public static SessionStatistics Compute(IEnumerable<ScrapingSession> sessions, int days, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        int count = 0, successful = 0, found = 0, newWatches = 0, sent = 0, errors = 0, timed = 0;
        double duration = 0;
        var sites = new SortedDictionary<string, SiteStatistics>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            if (session.StartedAt < since)
            {
                continue;
            }

            count++;
            successful += session.ErrorsEncountered == 0 ? 1 : 0;
            found += session.TotalWatchesFound;
            newWatches += session.TotalNewWatches;
            sent += session.NotificationsSent;
            errors += session.ErrorsEncountered;
            if (session.DurationSeconds is { } seconds)
            {
                duration += seconds;
                timed++;
            }

            foreach (var site in session.SiteStats)
            {
                var totals = sites.GetValueOrDefault(site.SiteKey) ?? new SiteStatistics(site.SiteKey, 0, 0, 0, 0, 0);
                sites[site.SiteKey] = totals with
                {
                    Sessions = totals.Sessions + 1,
                    WatchesFound = totals.WatchesFound + site.TotalFound,
                    NewWatches = totals.NewWatches + site.NewFound,
                    NotificationsSent = totals.NotificationsSent + site.NotificationsSent,
                    Errors = totals.Errors + site.Errors,
                };
            }
        }

        return new SessionStatistics(
            days, since, count, successful,
            count == 0 ? null : (double)successful / count,
            timed == 0 ? null : duration / timed,
            found, newWatches, sent, errors, [.. sites.Values]);
    }
}

/// <summary>One site's totals over the sessions of a <see cref="SessionStatistics"/>.</summary>
/// <param name="Errors">Sessions in which the site's scrape failed.</param>
public sealed record SiteStatistics(string SiteKey, int Sessions, int WatchesFound, int NewWatches, int NotificationsSent, int Errors);
