using Microsoft.Extensions.Options;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.State;

namespace WatchMonitor.Dashboard;

/// <summary>
/// Reads what the dashboard shows: the health snapshot, the latest listings (the query <c>watchmon listings</c>
/// uses) and 24 hours of per-cycle memory from the session history, so the page keeps nothing of its own between
/// requests. Page and JSON API read the same view.
/// </summary>
public sealed class DashboardQuery(
    IHealthSource health,
    ListingQuery listings,
    SessionHistory history,
    MonitorOptions monitorOptions,
    MemoryOptions memoryOptions,
    IOptions<HealthOptions> healthOptions,
    IReadOnlyList<MonitoredSite> sites,
    TimeProvider timeProvider)
{
    public static readonly TimeSpan MemoryWindow = TimeSpan.FromHours(24);

    public DashboardView Read(ListingFilter filter, bool withListings = true, bool withMemory = true)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = timeProvider.GetUtcNow();
        var snapshot = health.Current().Redacted();
        var siteViews = snapshot.Sites
            .OrderBy(site => site.Key, StringComparer.Ordinal)
            .Select(site => new SiteView(site.Key, site.Value, snapshot.Destinations?.GetValueOrDefault(site.Key)))
            .ToList();
        IReadOnlyList<ListingView> listingViews = [];
        IReadOnlyList<CycleReading> memory = [];
        var cyclesToday = 0;
        string? problem = null;
        try
        {
            if (withListings)
            {
                listingViews = [.. listings.Latest(filter.Site, null, filter.Limit, filter.Text).Select(row => new ListingView(row, listings.PriceHistory(row)))];
            }

            if (withMemory)
            {
                memory = history.Readings(now - MemoryWindow);
                var midnight = LocalMidnight(now);
                cyclesToday = memory.Count(reading => reading.StartedAt >= midnight);
            }
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or StateFileException or InvalidOperationException)
        {
            problem = "The state database cannot be read yet (" + WebhookRedactor.Redact(exception.Message) + "); the monitor's log says why.";
        }

        return new DashboardView(
            now,
            snapshot,
            siteViews,
            filter,
            listingViews,
            memory,
            cyclesToday,
            EffectiveConfiguration.Describe(monitorOptions, memoryOptions, healthOptions.Value, sites),
            problem);
    }

    private DateTimeOffset LocalMidnight(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, timeProvider.LocalTimeZone);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }
}
