using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.Configuration;
using WatchMonitor.Http;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms;
using WatchMonitor.Sites.Platforms.Selectors;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon try</c>: fetches a site's listing page once and shows what the monitor reads from it, without
/// touching state or alerting; for a configured site, or an unsaved one given by platform, URL and selectors.
/// </summary>
internal static class TryCommand
{
    // The key an unsaved site is checked under; its messages are rewritten to name the command-line options.
    private const string UnsavedKey = "unsaved";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var site = new Option<string?>("--site") { Description = "Key of a built-in or configured site" };
        var platform = new Option<string?>("--platform") { Description = "For a site not saved yet: " + string.Join(", ", SitePlatforms.All) };
        var url = new Option<string?>("--url") { Description = "For a site not saved yet: its listing URL" };
        var baseUrl = new Option<string?>("--base-url") { Description = "For a site not saved yet: its base URL (default: the listing URL's origin)" };
        var selectors = new Option<string[]>("--selector")
        {
            Description = "For --platform selectors: Name=css, e.g. --selector Card=li.product (Card, Link, Title, Price, Image, Sold, Detail:…)",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print the raw result as JSON" };
        var command = new Command("try", "Fetch a site's listing page once and show what is parsed, with fill rates and the first problem; saves and alerts nothing.")
        {
            site, platform, url, baseUrl, selectors, json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(site), result.GetValue(platform), result.GetValue(url), result.GetValue(baseUrl),
            result.GetValue(selectors) ?? [], result.GetValue(json), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string? siteKey, string? platform, string? url, string? baseUrl, string[] selectors, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        MonitoredSite? site;
        MonitorOptions options;
        if (siteKey is not null)
        {
            if (platform is not null || url is not null)
            {
                return Fail(error, "give either --site <key>, or --platform <p> --url <listing-url> for a site not saved yet");
            }

            if (CliSettings.TryLoad(error) is not { } settings)
            {
                return WatchmonCommandLine.UsageError;
            }

            options = settings.Options;
            site = settings.Sites.FirstOrDefault(candidate => candidate.Key == siteKey);
            if (site is null)
            {
                return Fail(error, $"unknown site '{siteKey}'; use one of: {string.Join(", ", settings.Sites.Select(s => s.Key))}");
            }
        }
        else if (platform is not null && url is not null)
        {
            options = new MonitorOptions();
            site = Unsaved(platform, url, baseUrl, selectors, error);
            if (site is null)
            {
                return WatchmonCommandLine.UsageError;
            }
        }
        else
        {
            return Fail(error, "give --site <key>, or --platform <p> --url <listing-url> [--selector Name=css …] for a site not saved yet");
        }

        TryReport report;
        try
        {
            report = await FetchAsync(site, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or PageFormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"error: {site.Key}: {exception.Message}");
            return 1;
        }

        if (json)
        {
            using var stdout = new MemoryStream();
            report.WriteJson(stdout);
            stdout.WriteByte((byte)'\n');
            output.Write(System.Text.Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length));
        }
        else
        {
            report.WriteTable(output);
        }

        output.Flush();
        return report.Listings.Count > 0 ? 0 : 1;
    }

    private static async Task<TryReport> FetchAsync(MonitoredSite site, MonitorOptions options, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddWatchMonitorHttp(options, [site]);
        await using var provider = services.BuildServiceProvider();
        var fetcher = provider.GetRequiredService<IPageFetcher>();
        var adapter = SiteAdapters.For(site);
        if (site.Definition.Platform is SitePlatforms.Selectors or SitePlatforms.Shopware)
        {
            // Only the listing page itself: a selectors check is about this page, and try fetches once.
            var page = await fetcher.GetStringAsync(site.Endpoints.ListingUrl, cancellationToken).ConfigureAwait(false);
            var listings = adapter.ParseListings(page, site.Endpoints.BaseUrl);
            return new TryReport(site.Key, site.Endpoints.ListingUrl, listings, (adapter as SelectorsAdapter)?.Diagnose(page));
        }

        var fetched = await adapter.FetchListingsAsync(fetcher, site.Endpoints, cancellationToken).ConfigureAwait(false);
        return new TryReport(site.Key, site.Endpoints.ProductsJsonUrl ?? site.Endpoints.ListingUrl, fetched, null);
    }

    private static MonitoredSite? Unsaved(string platform, string url, string? baseUrl, string[] selectors, TextWriter error)
    {
        var prefix = $"Sites:{UnsavedKey}:";
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [prefix + "Platform"] = platform,
            [prefix + "ListingUrl"] = url,
            [prefix + "BaseUrl"] = baseUrl,
        };
        foreach (var selector in selectors)
        {
            var equals = selector.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Fail(error, $"--selector {selector} is not Name=css, e.g. --selector Card=li.product");
                return null;
            }

            values[prefix + "Selectors:" + selector[..equals].Trim().Replace('.', ':')] = selector[(equals + 1)..];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var (sites, errors) = ConfiguredSites.Read(configuration, new HashSet<string>());
        foreach (var message in errors)
        {
            error.WriteLine("error: " + message
                .Replace(prefix + "Selectors:", "--selector ", StringComparison.Ordinal)
                .Replace(prefix + "Platform", "--platform", StringComparison.Ordinal)
                .Replace(prefix + "ListingUrl", "--url", StringComparison.Ordinal)
                .Replace(prefix + "BaseUrl", "--base-url", StringComparison.Ordinal));
        }

        return errors.Count == 0 ? sites.Single() : null;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return WatchmonCommandLine.UsageError;
    }
}
