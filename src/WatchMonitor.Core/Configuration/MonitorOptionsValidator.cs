using System.Globalization;
using Microsoft.Extensions.Options;
using WatchMonitor.Notifications;
using WatchMonitor.Sites;

namespace WatchMonitor.Configuration;

/// <summary>
/// Checks every setting at start. Each message names the key, the value and what is accepted, so a typo in
/// <c>.env</c> is fixed in one go instead of surfacing as odd behaviour days later.
/// </summary>
public sealed class MonitorOptionsValidator : IValidateOptions<MonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var errors = Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Validate(MonitorOptions options) => Validate(options, configuredSiteKeys: []);

    /// <param name="options">The options.</param>
    /// <param name="configuredSiteKeys">Keys of the sites defined in configuration, which SKIP_SITES may name too.</param>
    public static IReadOnlyList<string> Validate(MonitorOptions options, IEnumerable<string> configuredSiteKeys)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Range(errors, "CHECK_INTERVAL_SECONDS", options.CheckIntervalSeconds, 1, 86_400, "seconds");
        Range(errors, "MAX_CONCURRENT_SCRAPERS", options.MaxConcurrentScrapers, 1, 16, "sites");
        Range(errors, "MAX_CONCURRENT_DETAILS", options.MaxConcurrentDetails, 1, 20, "pages");
        Range(errors, "DETAIL_PAGE_DELAY", options.DetailPageDelaySeconds, 0, 60, "seconds");
        Range(errors, "REQUEST_TIMEOUT", options.RequestTimeoutSeconds, 1, 300, "seconds");
        Range(errors, "MAX_RETRIES", options.MaxRetries, 0, 10, "retries");
        Range(errors, "RETRY_BACKOFF_FACTOR", options.RetryBackoffFactor, 0, 60, "seconds");
        Range(errors, "MAX_RESPONSE_SIZE_MB", options.MaxResponseSizeMb, 1, 100, "MB");
        Range(errors, "MAX_SEEN_ITEMS_PER_SITE", options.MaxSeenItemsPerSite, 100, 1_000_000, "ids");
        Range(errors, "SESSION_HISTORY_RETENTION_DAYS", options.SessionHistoryRetentionDays, 1, 3650, "days");
        Range(errors, "MAX_SESSION_HISTORY_ENTRIES", options.MaxSessionHistoryEntries, 10, 100_000, "sessions");
        Range(errors, "MAX_OUTBOX_ENTRIES", options.MaxOutboxEntries, 10, 100_000, "messages");
        Range(errors, "EXCHANGE_RATE_CACHE_DURATION", options.ExchangeRateCacheDurationSeconds, 60, 604_800, "seconds");
        Range(errors, "EXCHANGE_RATE_MAX_AGE", options.ExchangeRateMaxAgeSeconds, options.ExchangeRateCacheDurationSeconds, 31_536_000, "seconds");
        Range(errors, "LEASE_SECONDS", options.LeaseSeconds, 5, 86_400, "seconds");
        if (options.InstanceName is { Length: > MaxInstanceNameLength })
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"INSTANCE_NAME is {options.InstanceName.Length} characters long: use at most {MaxInstanceNameLength}, or remove it for the default (<host name>-<pid>)."));
        }

        // The URL may hold an API key.
        HttpUrl(errors, "EXCHANGE_RATE_API_URL", options.ExchangeRateApiUrl, secret: true);
        NotBlank(errors, "USER_AGENT", options.UserAgent);
        NotBlank(errors, "STATE_DATABASE", options.StateDatabase);
        if (!string.IsNullOrWhiteSpace(options.StateDatabase))
        {
            try
            {
                State.StateLocation.Parse(options.StateDatabase);
            }
            catch (FormatException exception)
            {
                errors.Add(exception.Message);
            }
        }
        NotBlank(errors, "SEEN_WATCHES_FILE", options.SeenWatchesFile);
        NotBlank(errors, "SESSION_HISTORY_FILE", options.SessionHistoryFile);

        var known = SiteCatalog.All.Select(site => site.Key).Concat(configuredSiteKeys).ToHashSet(StringComparer.Ordinal);
        foreach (var key in options.SkippedSiteKeys.Where(key => !known.Contains(key)))
        {
            errors.Add($"SKIP_SITES contains '{key}', which is no site key. Use a comma-separated list of: {string.Join(", ", known)}.");
        }

        return errors;
    }

    private const int MaxInstanceNameLength = 100;

    private static readonly string[] DecimalKeys = ["DETAIL_PAGE_DELAY", "REQUEST_TIMEOUT", "RETRY_BACKOFF_FACTOR"];

    /// <summary>
    /// "1,5" would bind as 15 (the comma reads as a thousands separator): a German-style decimal must be refused, not
    /// silently multiplied by ten.
    /// </summary>
    public static IReadOnlyList<string> ValidateDecimalSeparators(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. DecimalKeys
            .Where(key => configuration[key]?.Contains(',', StringComparison.Ordinal) == true)
            .Select(key => $"{key}='{configuration[key]}' is not a plain number such as 1.5 (with a dot): fix the value, or remove it for the default.")];
    }

    private static readonly string[] SiteSettingNames = ["ListingUrl", "BaseUrl", "ProductsJsonUrl", "WebhookUrl", "Enabled", "ThreadName"];

    /// <summary>
    /// Every <c>Sites:&lt;key&gt;:&lt;setting&gt;</c> names a built-in site and a known setting: a typo such as
    /// <c>Sites__grimeissen__WebhookUrl</c> would otherwise be ignored and the site would silently post nowhere.
    /// </summary>
    public static IReadOnlyList<string> ValidateSiteSections(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var known = SiteCatalog.All.Select(site => site.Key).ToList();
        foreach (var section in configuration.GetSection("Sites").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(section["Platform"]))
            {
                // A site defined in configuration: checked by ConfiguredSites below.
                continue;
            }

            if (!known.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Sites:{section.Key} (environment Sites__{section.Key}__…) is no site key. Use one of: {string.Join(", ", known)}; or add a shop of your own by giving it a platform, Sites__{section.Key}__Platform=shopify, woocommerce, shopware or selectors (docs/adding-a-dealer.md).");
                continue;
            }

            foreach (var setting in section.GetChildren().Where(setting => !SiteSettingNames.Contains(setting.Key, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"Sites:{section.Key}:{setting.Key} is no site setting. Use one of: {string.Join(", ", SiteSettingNames)}.");
            }
        }

        errors.AddRange(ConfiguredSites.Read(configuration, new HashSet<string>()).Errors);
        return errors;
    }

    /// <summary>Checks the per-site URLs and webhooks after <see cref="MonitoredSites.Resolve"/>.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<MonitoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var errors = new List<string>();
        foreach (var site in sites)
        {
            HttpUrl(errors, $"Sites:{site.Key}:ListingUrl", site.Endpoints.ListingUrl, secret: false);
            HttpUrl(errors, $"Sites:{site.Key}:BaseUrl", site.Endpoints.BaseUrl, secret: false);
            if (site.Endpoints.ProductsJsonUrl is { } productsJson)
            {
                HttpUrl(errors, $"Sites:{site.Key}:ProductsJsonUrl", productsJson, secret: false);
            }

            if (site.WebhookUrl is { } webhook)
            {
                var key = $"{site.Definition.WebhookEnvironmentVariable} (or Sites:{site.Key}:WebhookUrl)";
                if (webhook.AsSpan().IndexOfAny('<', '>') >= 0)
                {
                    // watchmon init writes https://discord.com/api/webhooks/<id>/<token> as the example.
                    errors.Add($"{key} still holds the placeholder of the .env template (<id>/<token>): paste the webhook URL Discord gives (channel settings > Integrations > Webhooks > Copy Webhook URL), or comment the line out to log alerts instead.");
                }
                else
                {
                    HttpUrl(errors, key, webhook, secret: true);
                }
            }
        }

        return errors;
    }

    private static void Range(List<string> errors, string key, double value, double min, double max, string unit)
    {
        if (value < min || value > max || double.IsNaN(value))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{key}={value} is out of range: use a value from {min} to {max} {unit}, or remove it for the default."));
        }
    }

    private static void NotBlank(List<string> errors, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is empty: set it to a value or remove it for the default.");
        }
    }

    private static void HttpUrl(List<string> errors, string key, string value, bool secret)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            var shown = secret ? SecretMasker.MaskWebhook(value) : value;
            errors.Add($"{key}={shown} is not an absolute http(s) URL: use a full address such as https://example.com/path.");
        }
    }
}
