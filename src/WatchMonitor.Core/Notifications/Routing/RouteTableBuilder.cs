using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;

namespace WatchMonitor.Notifications.Routing;

/// <summary>
/// Reads <c>Notifications:Routes:&lt;name&gt;:…</c> (docs/notifications.md#routes) and adds one implicit route per
/// enabled site with its own webhook. Each problem is reported with its key; a route with a problem is left out.
/// </summary>
public static partial class RouteTableBuilder
{
    public const string SectionPath = "Notifications:Routes";

    /// <summary>The settings a route may have.</summary>
    public static IReadOnlyList<string> SettingNames { get; } =
        ["Sites", "Brands", "Keywords", "Exclude", "MinPrice", "MaxPrice", "Kinds", "To", "Digest", "ThreadName"];

    /// <summary>What a route takes without <c>Kinds</c>.</summary>
    public static IReadOnlySet<ListingEventKind> DefaultKinds { get; } = new[] { ListingEventKind.New, ListingEventKind.PriceDrop }.ToFrozenSet();

    /// <summary>What a site's own webhook takes: what it received before routes existed, new listings, every price change and sales.</summary>
    public static IReadOnlySet<ListingEventKind> ImplicitKinds { get; } =
        new[] { ListingEventKind.New, ListingEventKind.PriceDrop, ListingEventKind.PriceRise, ListingEventKind.Sold }.ToFrozenSet();

    /// <summary>The routes of this configuration and a message per problem.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="sites">The sites of this run, which <c>Sites</c> may name and whose webhooks become implicit routes.</param>
    public static (RouteTable Table, IReadOnlyList<string> Errors) Build(IConfiguration configuration, IReadOnlyList<MonitoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sites);
        var errors = new List<string>();
        var routes = new List<RouteDefinition>();
        foreach (var section in configuration.GetSection(SectionPath).GetChildren())
        {
            var before = errors.Count;
            var route = ReadRoute(section, sites, errors);
            if (route is not null && errors.Count == before)
            {
                routes.Add(route);
            }
        }

        routes.AddRange(ImplicitRoutes(sites));
        return (new RouteTable(routes), errors);
    }

    /// <summary>"site:&lt;key&gt;" for every enabled site with its own webhook, taking all of its listings.</summary>
    public static IEnumerable<RouteDefinition> ImplicitRoutes(IEnumerable<MonitoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        foreach (var site in sites.Where(site => site.Enabled && site.WebhookUrl is not null))
        {
            if (DestinationAddress.ForSiteWebhook(site.WebhookUrl!) is { } webhook)
            {
                yield return new RouteDefinition(
                    RouteDefinition.ImplicitPrefix + site.Key, new HashSet<string>(StringComparer.Ordinal) { site.Key }, [], [], [], null, null, ImplicitKinds, [webhook], null, IsImplicit: true);
            }
        }
    }

    private static RouteDefinition? ReadRoute(IConfigurationSection section, IReadOnlyList<MonitoredSite> sites, List<string> errors)
    {
        var name = section.Key;
        var prefix = $"{SectionPath}:{name}";
        if (!RouteName().IsMatch(name))
        {
            errors.Add($"{prefix} (environment Notifications__Routes__{name}__…): a route name is letters, digits, '_' and '-' (at most 40), e.g. 'gmt_under_10k'.");
            return null;
        }

        if (section.Value is not null && !section.GetChildren().Any())
        {
            errors.Add($"{prefix} is a value, not a route: set its settings instead, e.g. Notifications__Routes__{name}__To=<destination URL> (docs/notifications.md).");
            return null;
        }

        foreach (var setting in section.GetChildren().Where(setting => !SettingNames.Contains(setting.Key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{prefix}:{setting.Key} is no route setting. Use one of: {string.Join(", ", SettingNames)}.");
        }

        var siteKeys = ReadSites(section, sites, prefix, errors);
        var brands = ReadPhrases(section, "Brands", prefix, errors);
        var keywords = ReadPhrases(section, "Keywords", prefix, errors);
        var exclude = ReadPhrases(section, "Exclude", prefix, errors);
        var min = ReadPrice(section, "MinPrice", prefix, errors);
        var max = ReadPrice(section, "MaxPrice", prefix, errors);
        if (min is { } low && max is { } high && low > high)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{prefix}:MinPrice: {low} is above MaxPrice {high}: swap them, or remove one."));
        }

        var kinds = ReadKinds(section, prefix, errors);
        var to = ReadDestinations(section, prefix, errors);
        DigestSchedule? digest = null;
        if (Text(section, "Digest") is { } digestText && !DigestSchedule.TryParse(digestText, out digest, out var digestError))
        {
            errors.Add($"{prefix}:Digest: {digestError} Remove it to send each match at once.");
        }

        return new RouteDefinition(name, siteKeys, brands, keywords, exclude, min, max, kinds, to, digest, IsImplicit: false);
    }

    private static HashSet<string> ReadSites(IConfigurationSection section, IReadOnlyList<MonitoredSite> sites, string prefix, List<string> errors)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items(section, "Sites"))
        {
            var site = sites.FirstOrDefault(site => string.Equals(site.Key, item, StringComparison.OrdinalIgnoreCase));
            if (site is null)
            {
                errors.Add($"{prefix}:Sites: '{item}' is no site key. Use a comma-separated list of: {string.Join(", ", sites.Select(known => known.Key))}; or remove it for all sites.");
                continue;
            }

            keys.Add(site.Key);
        }

        return keys;
    }

    private static List<string> ReadPhrases(IConfigurationSection section, string setting, string prefix, List<string> errors)
    {
        var phrases = new List<string>();
        foreach (var item in Items(section, setting))
        {
            if (!WordMatcher.HasWords(item))
            {
                errors.Add($"{prefix}:{setting}: '{item}' has no letters or digits to match: remove it.");
                continue;
            }

            if (!phrases.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                phrases.Add(item);
            }
        }

        return phrases;
    }

    private static decimal? ReadPrice(IConfigurationSection section, string setting, string prefix, List<string> errors)
    {
        if (Text(section, setting) is not { } text)
        {
            return null;
        }

        if (ThousandsGroup().IsMatch(text))
        {
            errors.Add($"{prefix}:{setting}: '{text}' looks like a number with a thousands separator: write the euros without one, e.g. 10000 or 9999.99.");
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var euros))
        {
            errors.Add($"{prefix}:{setting}: '{text}' is not a number: give a price in euros such as 10000 or 9999.99.");
            return null;
        }

        return euros;
    }

    private static HashSet<ListingEventKind> ReadKinds(IConfigurationSection section, string prefix, List<string> errors)
    {
        var items = Items(section, "Kinds");
        if (items.Count == 0)
        {
            return [.. DefaultKinds];
        }

        var kinds = new HashSet<ListingEventKind>();
        foreach (var item in items)
        {
            if (!ListingEventKinds.TryParse(item, out var kind))
            {
                errors.Add($"{prefix}:Kinds: '{item}' is no event kind. Use a comma-separated list of: {string.Join(", ", ListingEventKinds.AllNames)}; or remove it for new,price_drop.");
                continue;
            }

            kinds.Add(kind);
        }

        return kinds;
    }

    private static List<DestinationAddress> ReadDestinations(IConfigurationSection section, string prefix, List<string> errors)
    {
        var destinations = new List<DestinationAddress>();
        var items = Items(section, "To");
        if (items.Count == 0)
        {
            errors.Add($"{prefix}:To is missing: give the destination URLs, comma-separated, e.g. Notifications__Routes__{section.Key}__To=ntfys://ntfy.sh/<topic> (docs/notifications.md#destination-urls).");
            return destinations;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var which = items.Count == 1 ? "" : $" (URL {i + 1} of {items.Count})";
            if (!DestinationAddress.TryParse(items[i], out var destination, out var error))
            {
                errors.Add($"{prefix}:To{which}: {error}");
            }
            else if (!destinations.Exists(known => known.Key == destination.Key))
            {
                destinations.Add(destination);
            }
        }

        return destinations;
    }

    /// <summary>A comma-separated value ("a, b") or, from appsettings.json, an array; blanks dropped.</summary>
    private static List<string> Items(IConfigurationSection section, string setting)
    {
        var child = section.GetSection(setting);
        var values = child.Value is { } value ? value.Split(',') : child.GetChildren().Select(item => item.Value ?? "");
        return [.. values.Select(item => item.Trim()).Where(item => item.Length > 0)];
    }

    private static string? Text(IConfigurationSection section, string setting) =>
        string.IsNullOrWhiteSpace(section[setting]) ? null : section[setting]!.Trim();

    // "gmt_under_10k", "Daily-Digest".
    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex RouteName();

    // "10.000", "1,500", "12.500,00": a group separator, which would read as a decimal point or not at all.
    [GeneratedRegex(@"(,|\.[0-9]{3}(\D|$))", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsGroup();
}
