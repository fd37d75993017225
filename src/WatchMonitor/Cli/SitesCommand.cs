using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon sites</c>: every site of this configuration, built in or configured, with its platform, listing URL,
/// whether it is enabled, its webhook (masked) and its last scan in the session history, then the routes with their
/// destinations' counts. Read-only.
/// </summary>
internal static class SitesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("sites", "List every site (built-in and configured) with platform, listing URL, enabled, webhook and last scan.");
        command.SetAction(_ =>
        {
            if (CliSettings.TryLoad(error) is not { } settings)
            {
                return WatchmonCommandLine.UsageError;
            }

            var (sessions, totals) = LoadState(settings.Options, error);
            output.WriteLine($"{"site",-20} {"platform",-12} {"enabled",-8} {"webhook",-44} last scan");
            foreach (var site in settings.Sites)
            {
                var webhook = site.WebhookUrl is null ? "none (alerts go to the log)" : SecretMasker.MaskWebhook(site.WebhookUrl);
                output.WriteLine($"{site.Key,-20} {site.Definition.Platform ?? "built-in",-12} {(site.Enabled ? "yes" : "no"),-8} {webhook,-44} {LastScan(site, sessions)}");
                output.WriteLine($"  {site.Definition.DisplayName}: {site.Endpoints.ListingUrl}");
            }

            RouteReport.Write(output, settings.Routes, totals);
            return 0;
        });
        return command;
    }

    private static string LastScan(MonitoredSite site, IReadOnlyList<ScrapingSession> sessions)
    {
        for (var i = sessions.Count - 1; i >= 0; i--)
        {
            if (sessions[i].SiteStats.FirstOrDefault(stats => stats.SiteKey == site.Key) is { } stats)
            {
                var when = sessions[i].StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                return stats.Errors > 0
                    ? $"FAILED {when} (watchmon try --site {site.Key} shows what the page gives)"
                    : string.Create(CultureInfo.InvariantCulture, $"ok {when}, {stats.TotalFound} listings, {stats.NewFound} new");
            }
        }

        return "never scanned";
    }

    // Read only: listing the sites must not create, migrate or lock the database a running monitor uses.
    private static (IReadOnlyList<ScrapingSession> Sessions, IReadOnlyDictionary<string, DestinationTotals>? Totals) LoadState(MonitorOptions options, TextWriter error)
    {
        var database = new StateDatabase(options.StateDatabase, NullLogger<StateDatabase>.Instance);
        try
        {
            if (database.OpenReadOnly())
            {
                return (new SessionHistory(database, TimeProvider.System, options.MaxSessionHistoryEntries, options.SessionHistoryRetentionDays).Sessions(), DestinationTotals.Read(database));
            }

            if (database.Exists)
            {
                error.WriteLine($"note: the state database {database.Path} is at another schema version than this watchmon reads; last scans show once 'watchmon once' or 'run' has migrated it.");
            }

            return ([], null);
        }
        catch (StateFileException exception)
        {
            error.WriteLine($"warning: {exception.Message} Last scans and route counts are not shown.");
            return ([], null);
        }
        catch (System.Data.Common.DbException exception)
        {
            error.WriteLine($"warning: the state database {database.Path} cannot be read ({exception.Message}). Last scans and route counts are not shown.");
            return ([], null);
        }
    }
}
