using WatchMonitor.Monitoring.Health;
using WatchMonitor.State;

namespace WatchMonitor.Dashboard;

/// <summary>Everything the dashboard page and its JSON API show, read once per request.</summary>
/// <param name="Health">The health snapshot, webhook URLs masked.</param>
/// <param name="Memory">Each cycle of the last 24 hours, from the session history.</param>
/// <param name="CyclesToday">Cycles started since local midnight.</param>
/// <param name="StateProblem">Why listings and history could not be read (the state database is not open yet); null otherwise.</param>
public sealed record DashboardView(
    DateTimeOffset Now,
    HealthSnapshot Health,
    IReadOnlyList<SiteView> Sites,
    ListingFilter Filter,
    IReadOnlyList<ListingView> Listings,
    IReadOnlyList<CycleReading> Memory,
    int CyclesToday,
    IReadOnlyList<ConfigurationEntry> Configuration,
    string? StateProblem);

/// <param name="Destination">The site's Discord webhook delivery; null when it has none.</param>
public sealed record SiteView(string Key, SiteHealth Health, DestinationHealth? Destination)
{
    /// <summary>ok, failing, layout changed?, or waiting (not scanned since start).</summary>
    public string Status => Health.ConsecutiveFailures > 0 ? "failing"
        : Health.SuspectedLayoutChange ? "layout changed?"
        : Health.LastSuccessAt is null ? "waiting"
        : "ok";
}

public sealed record ListingView(ListingRow Row, IReadOnlyList<PricePoint> Prices);

/// <summary>Which listings to show: <c>?site=&amp;q=&amp;limit=</c>.</summary>
public sealed record ListingFilter(string? Site, string? Text, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static ListingFilter Parse(string? site, string? text, string? limit)
    {
        var count = int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? Math.Min(parsed, MaxLimit)
            : DefaultLimit;
        return new ListingFilter(
            string.IsNullOrWhiteSpace(site) ? null : site.Trim(),
            string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 200)],
            count);
    }
}

/// <summary>One configuration value as the dashboard shows it; secrets are already masked.</summary>
public sealed record ConfigurationEntry(string Key, string Value);
