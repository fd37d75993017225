using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon sites</c>: every site of this configuration, built in or configured, with its platform, listing URL,
/// whether it is enabled, its webhook (masked) and its last scan in the session history. Read-only.
/// </summary>
internal static class SitesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("sites", "List every site (built-in and configured) with platform, listing URL, enabled, webhook and last scan.");
        command.SetAction(async (_, cancellationToken) =>
        {
            if (CliSettings.TryLoad(error) is not { } settings)
            {
                return WatchmonCommandLine.UsageError;
            }

            var sessions = await LoadSessionsAsync(settings.Options.SessionHistoryFile, error, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"{"site",-20} {"platform",-12} {"enabled",-8} {"webhook",-44} last scan");
            foreach (var site in settings.Sites)
            {
                var webhook = site.WebhookUrl is null ? "none (alerts go to the log)" : SecretMasker.MaskWebhook(site.WebhookUrl);
                output.WriteLine($"{site.Key,-20} {site.Definition.Platform ?? "built-in",-12} {(site.Enabled ? "yes" : "no"),-8} {webhook,-44} {LastScan(site, sessions)}");
                output.WriteLine($"  {site.Definition.DisplayName}: {site.Endpoints.ListingUrl}");
            }

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

    // Read from a copy, as 'watchmon stats' does: this command must never move or rewrite the monitor's file.
    private static async Task<IReadOnlyList<ScrapingSession>> LoadSessionsAsync(string file, TextWriter error, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            return [];
        }

        var copy = Path.Combine(Path.GetTempPath(), $"watchmon-sites-{Guid.NewGuid():N}.json");
        File.Copy(path, copy);
        try
        {
            using var history = new SessionHistoryStore(
                copy,
                new AtomicFileWriter(NullLogger<AtomicFileWriter>.Instance),
                new StateFileQuarantine(TimeProvider.System, NullLogger<StateFileQuarantine>.Instance),
                TimeProvider.System,
                NullLogger<SessionHistoryStore>.Instance,
                maxEntries: 1_000_000,
                retentionDays: 36_500);
            var loaded = await history.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (loaded.WasCorrupt)
            {
                error.WriteLine($"warning: {path} is not valid session history JSON; last scans are not shown.");
                return [];
            }

            return history.Sessions;
        }
        finally
        {
            foreach (var leftover in Directory.EnumerateFiles(Path.GetTempPath(), Path.GetFileName(copy) + "*"))
            {
                File.Delete(leftover);
            }
        }
    }
}
