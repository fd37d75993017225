using System.Globalization;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications;

namespace WatchMonitor.Dashboard;

/// <summary>
/// The settings the monitor runs with, as the dashboard lists them. Every value that can hold a secret is masked
/// here: webhook URLs keep their host and the start of their id, the exchange-rate URL its host, the access token
/// only whether it is set.
/// </summary>
public static class EffectiveConfiguration
{
    public static IReadOnlyList<ConfigurationEntry> Describe(MonitorOptions monitor, MemoryOptions memory, HealthOptions health, IReadOnlyList<MonitoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(sites);
        var c = CultureInfo.InvariantCulture;
        List<ConfigurationEntry> entries =
        [
            new("CHECK_INTERVAL_SECONDS", monitor.CheckIntervalSeconds.ToString(c)),
            new("MAX_CONCURRENT_SCRAPERS", monitor.MaxConcurrentScrapers.ToString(c)),
            new("MAX_CONCURRENT_DETAILS", monitor.MaxConcurrentDetails.ToString(c)),
            new("DETAIL_PAGE_DELAY", monitor.DetailPageDelaySeconds.ToString(c)),
            new("REQUEST_TIMEOUT", monitor.RequestTimeoutSeconds.ToString(c)),
            new("MAX_RETRIES", monitor.MaxRetries.ToString(c)),
            new("RETRY_BACKOFF_FACTOR", monitor.RetryBackoffFactor.ToString(c)),
            new("MAX_RESPONSE_SIZE_MB", monitor.MaxResponseSizeMb.ToString(c)),
            new("USER_AGENT", monitor.UserAgent),
            new("STATE_DATABASE", monitor.StateDatabaseDisplayName),
            new("STATE_DIRECTORY", monitor.StateDirectory),
            new("MAX_SEEN_ITEMS_PER_SITE", monitor.MaxSeenItemsPerSite.ToString(c)),
            new("SESSION_HISTORY_RETENTION_DAYS", monitor.SessionHistoryRetentionDays.ToString(c)),
            new("MAX_SESSION_HISTORY_ENTRIES", monitor.MaxSessionHistoryEntries.ToString(c)),
            new("MAX_OUTBOX_ENTRIES", monitor.MaxOutboxEntries.ToString(c)),
            new("ENABLE_NOTIFICATIONS", Bool(monitor.EnableNotifications)),
            new("ENABLE_DETAIL_SCRAPING", Bool(monitor.EnableDetailScraping)),
            new("ENABLE_EXCHANGE_RATE_CONVERSION", Bool(monitor.EnableExchangeRateConversion)),
            new("EXCHANGE_RATE_API_URL", MaskPath(monitor.ExchangeRateApiUrl)),
            new("SKIP_SITES", monitor.SkipSites),
            new("MEMORY_WARNING_THRESHOLD_MB", memory.WarningThresholdMb.ToString(c)),
            new("MEMORY_CRITICAL_THRESHOLD_MB", memory.CriticalThresholdMb.ToString(c)),
            new("FORCE_GC_EVERY_N_CYCLES", memory.ForceGcEveryNCycles.ToString(c)),
            new("MEMORY_PROFILING", Bool(memory.Profiling)),
            new("Health:Url", health.Url),
            new("Health:AccessToken", string.IsNullOrEmpty(health.AccessToken) ? "(not set)" : "(set)"),
        ];
        foreach (var site in sites)
        {
            entries.Add(new($"Sites:{site.Key}", site.Enabled ? "enabled" : "disabled"));
            entries.Add(new(site.Definition.WebhookEnvironmentVariable, SecretMasker.MaskWebhook(site.WebhookUrl)));
        }

        return entries;
    }

    private static string Bool(bool value) => value ? "true" : "false";

    // An API key may sit in the path or the query; the host is what an operator needs to recognise the service.
    private static string MaskPath(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/***" : "***";
}
