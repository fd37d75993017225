using Microsoft.Extensions.Configuration;

namespace WatchMonitor.Configuration;

/// <summary>
/// The monitor's settings, under the Python monitor's variable names so an existing <c>.env</c> keeps working.
/// Bound from the configuration root (appsettings.json, .env, environment variables).
/// </summary>
public sealed class MonitorOptions
{
    /// <summary>Seconds between cycles; default 300, 1–86400 (below 60 is impolite to the dealers and logs a warning).</summary>
    [ConfigurationKeyName("CHECK_INTERVAL_SECONDS")]
    public int CheckIntervalSeconds { get; set; } = 300;

    /// <summary>Sites fetched at once; default 2, 1–16.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_SCRAPERS")]
    public int MaxConcurrentScrapers { get; set; } = 2;

    /// <summary>Detail pages fetched at once per site; default 5, 1–20.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_DETAILS")]
    public int MaxConcurrentDetails { get; set; } = 5;

    /// <summary>Seconds paused after each detail page; default 1.5, 0–60.</summary>
    [ConfigurationKeyName("DETAIL_PAGE_DELAY")]
    public double DetailPageDelaySeconds { get; set; } = 1.5;

    /// <summary>Seconds one HTTP attempt may take; default 15, 1–300.</summary>
    [ConfigurationKeyName("REQUEST_TIMEOUT")]
    public double RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>Retries after a transient HTTP failure; default 3 (4 attempts, as the Python monitor), 0–10.</summary>
    [ConfigurationKeyName("MAX_RETRIES")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Seconds before the first retry, doubled for each further one (1, 2, 4 s); default 1, 0–60.</summary>
    [ConfigurationKeyName("RETRY_BACKOFF_FACTOR")]
    public double RetryBackoffFactor { get; set; } = 1;

    [ConfigurationKeyName("USER_AGENT")]
    public string UserAgent { get; set; } =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Largest response body read, in MB; default 10, 1–100. Enforced while streaming.</summary>
    [ConfigurationKeyName("MAX_RESPONSE_SIZE_MB")]
    public int MaxResponseSizeMb { get; set; } = 10;

    /// <summary>
    /// Where all state is kept: the path of a SQLite file (default <c>watchmon.db</c> in the working directory), or a
    /// PostgreSQL connection string or <c>postgres://</c> URL (<see cref="State.StateLocation"/>).
    /// </summary>
    [ConfigurationKeyName("STATE_DATABASE")]
    public string StateDatabase { get; set; } = "watchmon.db";

    /// <summary>Where the lock file and the memory-restart record live; default the SQLite file's directory, or with PostgreSQL the working directory.</summary>
    [ConfigurationKeyName("STATE_DIRECTORY")]
    public string? StateDirectorySetting { get; set; }

    /// <summary>Seen ids imported on the first start without a database (the Python format), and where export writes them.</summary>
    [ConfigurationKeyName("SEEN_WATCHES_FILE")]
    public string SeenWatchesFile { get; set; } = "seen_watches.json";

    [ConfigurationKeyName("SESSION_HISTORY_FILE")]
    public string SessionHistoryFile { get; set; } = "session_history.json";

    /// <summary>Pending Discord messages of earlier versions, imported on the first start; default next to the seen file.</summary>
    [ConfigurationKeyName("OUTBOX_FILE")]
    public string? OutboxFile { get; set; }

    /// <summary>Seen ids kept per site; default 10,000, 100–1,000,000.</summary>
    [ConfigurationKeyName("MAX_SEEN_ITEMS_PER_SITE")]
    public int MaxSeenItemsPerSite { get; set; } = 10_000;

    /// <summary>Days of session history kept; default 30, 1–3650.</summary>
    [ConfigurationKeyName("SESSION_HISTORY_RETENTION_DAYS")]
    public int SessionHistoryRetentionDays { get; set; } = 30;

    /// <summary>Sessions kept in history; default 1000, 10–100,000.</summary>
    [ConfigurationKeyName("MAX_SESSION_HISTORY_ENTRIES")]
    public int MaxSessionHistoryEntries { get; set; } = 1000;

    /// <summary>Pending messages kept per destination (and dead letters per destination); default 1000, 10–100,000.</summary>
    [ConfigurationKeyName("MAX_OUTBOX_ENTRIES")]
    public int MaxOutboxEntries { get; set; } = 1000;

    [ConfigurationKeyName("ENABLE_NOTIFICATIONS")]
    public bool EnableNotifications { get; set; } = true;

    [ConfigurationKeyName("ENABLE_DETAIL_SCRAPING")]
    public bool EnableDetailScraping { get; set; } = true;

    [ConfigurationKeyName("ENABLE_EXCHANGE_RATE_CONVERSION")]
    public bool EnableExchangeRateConversion { get; set; } = true;

    [ConfigurationKeyName("EXCHANGE_RATE_API_URL")]
    public string ExchangeRateApiUrl { get; set; } = "https://api.exchangerate-api.com/v4/latest/USD";

    /// <summary>Seconds a fetched USD→EUR rate is reused; default 3600, 60–604800.</summary>
    [ConfigurationKeyName("EXCHANGE_RATE_CACHE_DURATION")]
    public int ExchangeRateCacheDurationSeconds { get; set; } = 3600;

    /// <summary>
    /// Seconds after which a rate that could not be refreshed is no longer used (prices then show in USD);
    /// default 172800 (2 days), at least the cache duration. The Python monitor used a stale rate forever (docs/python-monitor.md, defect 17).
    /// </summary>
    [ConfigurationKeyName("EXCHANGE_RATE_MAX_AGE")]
    public int ExchangeRateMaxAgeSeconds { get; set; } = 172_800;

    /// <summary>Comma-separated site keys that are not scanned, e.g. "tropicalwatch,watch_out".</summary>
    [ConfigurationKeyName("SKIP_SITES")]
    public string SkipSites { get; set; } = "";

    /// <summary>This instance's name in the shared state (its leases, /health, /metrics); default <c>&lt;host name&gt;-&lt;pid&gt;</c>.</summary>
    [ConfigurationKeyName("INSTANCE_NAME")]
    public string? InstanceName { get; set; }

    /// <summary>Seconds a site's lease lasts without renewal; default 30, at least 5. Renewed every third of it.</summary>
    [ConfigurationKeyName("LEASE_SECONDS")]
    public int LeaseSeconds { get; set; } = 30;

    public string ResolvedInstanceName =>
        string.IsNullOrWhiteSpace(InstanceName) ? $"{Environment.MachineName}-{Environment.ProcessId}" : InstanceName.Trim();

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan CheckInterval => TimeSpan.FromSeconds(CheckIntervalSeconds);

    public TimeSpan DetailPageDelay => TimeSpan.FromSeconds(DetailPageDelaySeconds);

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public long MaxResponseBytes => MaxResponseSizeMb * 1024L * 1024L;

    /// <summary>STATE_DIRECTORY, else the SQLite file's directory (where its <c>-wal</c> and <c>-shm</c> files are), else with PostgreSQL the working directory.</summary>
    public string StateDirectory =>
        !string.IsNullOrWhiteSpace(StateDirectorySetting) ? Path.GetFullPath(StateDirectorySetting)
        : UsesPostgres ? Environment.CurrentDirectory
        : Path.GetDirectoryName(Path.GetFullPath(StateDatabase))!;

    /// <summary>True when STATE_DATABASE names a PostgreSQL server: several monitors may then share it, so no instance lock is taken.</summary>
    public bool UsesPostgres => State.StateLocation.TryParse(StateDatabase)?.IsPostgres ?? false;

    /// <summary>STATE_DATABASE as it may be printed: a path, or the connection string with its password masked.</summary>
    public string StateDatabaseDisplayName => State.StateLocation.TryParse(StateDatabase)?.DisplayName ?? "(STATE_DATABASE cannot be read)";

    public string ResolvedOutboxFile =>
        OutboxFile ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(SeenWatchesFile)) ?? ".", "outbox.json");

    public IReadOnlySet<string> SkippedSiteKeys =>
        SkipSites.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
