using System.CommandLine;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon parse</c>: parses saved pages offline, for users whose dealer changed its layout. Makes no network
/// request and converts no currency.
/// </summary>
internal static class ParseCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var site = new Option<string>("--site") { Description = "Site key: " + string.Join(", ", SiteCatalog.All.Select(s => s.Key)) + ", or the key of a site in your configuration", Required = true };
        var listing = new Option<FileInfo?>("--listing") { Description = "Saved listing page (for watch_out: products.json or the collection HTML)" };
        var detail = new Option<FileInfo?>("--detail") { Description = "Saved detail page; needs --url" };
        var url = new Option<string?>("--url") { Description = "URL of the listing the detail page belongs to" };

        var command = new Command("parse", "Parse saved dealer pages and print the listings as JSON.")
        {
            site, listing, detail, url,
        };
        command.SetAction(result => Run(
            result.GetValue(site)!,
            result.GetValue(listing),
            result.GetValue(detail),
            result.GetValue(url),
            output,
            error));
        return command;
    }

    private static int Run(string siteKey, FileInfo? listingFile, FileInfo? detailFile, string? url, TextWriter output, TextWriter error)
    {
        var adapter = SiteAdapters.Create(siteKey);
        string baseUrl;
        if (adapter is not null)
        {
            baseUrl = ConfiguredBaseUrl(adapter.Site);
        }
        else if (ConfiguredSite(siteKey, error, out var configured) is { } code)
        {
            return code;
        }
        else
        {
            adapter = SiteAdapters.For(configured!);
            baseUrl = configured!.Endpoints.BaseUrl;
        }

        if (listingFile is null && detailFile is null)
        {
            return Fail(error, "give --listing <file>, or --detail <file> --url <listing-url>");
        }

        if (detailFile is not null && string.IsNullOrWhiteSpace(url))
        {
            return Fail(error, "--detail needs --url <listing-url>: the URL of the listing the detail page belongs to");
        }

        try
        {
            ListingPage listings = ListingPage.Empty;
            if (listingFile is not null)
            {
                listings = adapter.ParseListings(ReadPage(listingFile, "listing"), baseUrl);
                if (listings.Count == 0)
                {
                    // The monitor counts such a page as a failed scan (a bot check, another site's page, a new layout).
                    return Fail(error, $"no {adapter.Site.DisplayName} listings found in '{listingFile.FullName}': is it a saved {adapter.Site.Key} listing page? A bot check, another site's page or a changed layout reads as empty.");
                }
            }

            using var stdout = new MemoryStream();
            if (detailFile is null)
            {
                ListingJsonWriter.WriteArray(stdout, listings);
            }
            else
            {
                var target = listings.FirstOrDefault(l => string.Equals(l.Url, url, StringComparison.Ordinal))
                    ?? adapter.CreateBareListing(url!);
                adapter.ApplyDetails(target, ReadPage(detailFile, "detail"), baseUrl);
                ListingJsonWriter.WriteObject(stdout, target);
            }

            if (listings.FirstSkipped is { } skipped)
            {
                // The listings above are still complete for every other item; the monitor skips the same ones.
                error.WriteLine($"warning: {listings.SkippedCount} item(s) of the listing page could not be parsed and were left out; first: {skipped.Describe()}");
            }

            // Written only after everything parsed, so a failure leaves stdout empty.
            stdout.WriteByte((byte)'\n');
            output.Write(System.Text.Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length));
            output.Flush();
            return 0;
        }
        catch (PageInputException exception)
        {
            return Fail(error, exception.Message);
        }
        catch (PageFormatException exception)
        {
            return Fail(error, $"cannot parse the page as a {adapter.Site.DisplayName} page: {exception.Message}");
        }
    }

    private static string ReadPage(FileInfo file, string role)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PageInputException($"cannot read {role} file '{file.FullName}': {exception.Message}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PageInputException($"{role} file '{file.FullName}' is empty; save the whole page and try again");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new PageInputException($"{role} file '{file.FullName}' is binary, not a saved HTML or JSON page");
        }

        return text;
    }

    /// <returns>Null with the site found; an exit code when the configuration is invalid or has no such site.</returns>
    private static int? ConfiguredSite(string siteKey, TextWriter error, out MonitoredSite? site)
    {
        site = null;
        if (CliSettings.TryLoad(error) is not { } settings)
        {
            return WatchmonCommandLine.UsageError;
        }

        site = settings.Sites.FirstOrDefault(candidate => candidate.Key == siteKey);
        return site is null
            ? Fail(error, $"unknown site '{siteKey}'; use one of: {string.Join(", ", settings.Sites.Select(s => s.Key))}")
            : null;
    }

    private static string ConfiguredBaseUrl(SiteDefinition site)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var configured = configuration[$"Sites:{site.Key}:BaseUrl"];
        return string.IsNullOrWhiteSpace(configured) ? site.DefaultBaseUrl : configured;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return WatchmonCommandLine.UsageError;
    }

    private sealed class PageInputException(string message) : Exception(message);
}
