using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms;
using WatchMonitor.Sites.Platforms.Selectors;
using WatchMonitor.Sites.Platforms.Shopify;
using WatchMonitor.Sites.Platforms.WooCommerce;

namespace WatchMonitor.Configuration;

/// <summary>
/// Sites defined in configuration: every <c>Sites:&lt;key&gt;</c> section with a <c>Platform</c>. Each value is
/// checked here, and each problem is reported with its key; a site with a problem is left out.
/// </summary>
public static partial class ConfiguredSites
{
    public const string DefaultCurrency = "EUR";

    /// <summary>Discord's grey, for a site without <c>Color</c>.</summary>
    public const int DefaultColor = 0x95A5A6;

    /// <summary>The settings a configured site may have (selectors are checked by <see cref="SelectorSet"/>).</summary>
    public static IReadOnlyList<string> SettingNames { get; } =
        ["Platform", "Name", "ListingUrl", "BaseUrl", "WebhookUrl", "Currency", "Color", "Enabled", "Selectors", "ThreadName"];

    /// <summary>The configured sites that are valid, and a message per problem.</summary>
    public static (IReadOnlyList<MonitoredSite> Sites, IReadOnlyList<string> Errors) Read(IConfiguration configuration, IReadOnlySet<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(skipped);
        var sites = new List<MonitoredSite>();
        var errors = new List<string>();
        foreach (var section in configuration.GetSection("Sites").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(section["Platform"]))
            {
                continue;
            }

            var before = errors.Count;
            var site = ReadSite(section, configuration, skipped, errors);
            if (site is not null && errors.Count == before)
            {
                sites.Add(site);
            }
        }

        return (sites, errors);
    }

    /// <summary>Whether <paramref name="key"/> can name a site: lowercase letters, digits and underscores.</summary>
    public static bool IsValidKey(string key) => SiteKey().IsMatch(key);

    /// <summary>"my_shop" → "MY_SHOP_WEBHOOK_URL".</summary>
    public static string WebhookVariable(string key) => key.ToUpperInvariant() + "_WEBHOOK_URL";

    private static MonitoredSite? ReadSite(IConfigurationSection section, IConfiguration configuration, IReadOnlySet<string> skipped, List<string> errors)
    {
        var key = section.Key;
        var prefix = $"Sites:{key}:";
        if (SiteCatalog.Find(key.ToLowerInvariant()) is not null)
        {
            errors.Add($"{prefix}Platform: '{key}' is a built-in site and has its own adapter. Give your site another key, e.g. Sites__{key}_2__Platform.");
            return null;
        }

        if (!IsValidKey(key))
        {
            errors.Add($"Sites:{key} (environment Sites__{key}__…): a site key is lowercase letters, digits and underscores, e.g. '{Suggest(key)}'. It also names the site's state and webhook variable, so choose it once.");
            return null;
        }

        foreach (var setting in section.GetChildren().Where(setting => !SettingNames.Contains(setting.Key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{prefix}{setting.Key} is no setting of a configured site. Use one of: {string.Join(", ", SettingNames)}.");
        }

        var platform = SitePlatforms.Normalize(section["Platform"]);
        if (platform is null)
        {
            errors.Add($"{prefix}Platform='{section["Platform"]}' is no platform. Use one of: {string.Join(", ", SitePlatforms.All)}.");
            return null;
        }

        var listingUrl = NonEmpty(section["ListingUrl"]);
        if (listingUrl is null || !IsHttpUrl(listingUrl))
        {
            errors.Add(listingUrl is null
                ? $"{prefix}ListingUrl is missing: set the address of the shop's new-arrivals page, e.g. https://shop.example/collections/new."
                : $"{prefix}ListingUrl={listingUrl} is not an absolute http(s) URL: use a full address such as https://shop.example/collections/new.");
            return null;
        }

        var baseUrl = NonEmpty(section["BaseUrl"]) ?? Origin(listingUrl);
        if (!IsHttpUrl(baseUrl))
        {
            errors.Add($"{prefix}BaseUrl={baseUrl} is not an absolute http(s) URL: use the shop's address such as https://shop.example, or remove it for the listing URL's origin.");
        }

        var selectors = ReadSelectors(section, platform, prefix, errors);
        var currency = NonEmpty(section["Currency"])?.ToUpperInvariant() ?? DefaultCurrency;
        if (!CurrencyCode().IsMatch(currency))
        {
            errors.Add($"{prefix}Currency='{section["Currency"]}' is not a three-letter currency code such as EUR, USD or CHF.");
        }

        var color = ParseColor(section["Color"]);
        if (color is null)
        {
            errors.Add($"{prefix}Color='{section["Color"]}' is not a colour: use #RRGGBB (e.g. #B08D57), or remove it for grey.");
        }

        var enabled = true;
        if (NonEmpty(section["Enabled"]) is { } enabledText && !bool.TryParse(enabledText, out enabled))
        {
            errors.Add($"{prefix}Enabled='{enabledText}' is not true or false.");
        }

        var productsUrl = platform switch
        {
            SitePlatforms.Shopify => ShopifyAdapter.ProductsJsonUrl(listingUrl),
            SitePlatforms.WooCommerce => WooCommerceAdapter.ProductsUrl(listingUrl, baseUrl),
            _ => null,
        };
        var definition = new SiteDefinition(
            key, NonEmpty(section["Name"]) ?? key, color ?? DefaultColor, currency, listingUrl, baseUrl, WebhookVariable(key), productsUrl, platform);
        var webhook = NonEmpty(section["WebhookUrl"]) ?? NonEmpty(configuration[definition.WebhookEnvironmentVariable]);
        return new MonitoredSite(definition, SiteEndpoints.Defaults(definition), webhook, enabled && !skipped.Contains(key), selectors);
    }

    private static SelectorSet? ReadSelectors(IConfigurationSection section, string platform, string prefix, List<string> errors)
    {
        var selectorSection = section.GetSection("Selectors");
        var texts = selectorSection.GetChildren()
            .SelectMany(child => child.Value is null
                ? child.GetChildren().Select(grandchild => new KeyValuePair<string, string?>(child.Key + ":" + grandchild.Key, grandchild.Value))
                : [new KeyValuePair<string, string?>(child.Key, child.Value)])
            .ToList();
        if (platform != SitePlatforms.Selectors)
        {
            if (texts.Count > 0)
            {
                errors.Add($"{prefix}Selectors are read only with Platform=selectors; {platform} shops are read without them. Remove them, or set Platform=selectors.");
            }

            return null;
        }

        return SelectorSet.Parse(texts, prefix + "Selectors:", errors);
    }

    /// <summary>"#B08D57", "0xB08D57" or a decimal number; none given → the default; unreadable → null.</summary>
    internal static int? ParseColor(string? text)
    {
        var trimmed = NonEmpty(text);
        if (trimmed is null)
        {
            return DefaultColor;
        }

        var hex = trimmed.StartsWith('#') ? trimmed[1..] : trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? trimmed[2..] : null;
        var parsed = hex is not null
            ? int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return parsed && value is >= 0 and <= 0xFFFFFF ? value : null;
    }

    internal static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Suggest(string key)
    {
        var suggestion = InvalidKeyCharacters().Replace(key.ToLowerInvariant(), "_").Trim('_');
        return suggestion.Length == 0 ? "my_shop" : suggestion;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // "chrono_shop", "uhren24": what a seen-state key and a webhook variable can both carry.
    [GeneratedRegex("^[a-z0-9_]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteKey();

    // Anything a site key may not hold: "Chrono-Shop.de" → "chrono_shop_de".
    [GeneratedRegex("[^a-z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidKeyCharacters();

    // "EUR", "CHF".
    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();
}
