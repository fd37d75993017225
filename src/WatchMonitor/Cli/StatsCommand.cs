using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Configuration;
using WatchMonitor.Hosting;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon stats [--days N]</c>: totals from the session history, read-only.</summary>
internal static class StatsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var days = new Option<int>("--days")
        {
            Description = "How many days back to count",
            DefaultValueFactory = _ => 7,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError($"--days '{text}' is not a whole number of days; use e.g. --days 7.");
                return 0;
            },
        };
        var command = new Command("stats", "Show totals, success rate, average duration and per-site counts from the session history.") { days };
        command.SetAction(async (result, cancellationToken) =>
        {
            var dayCount = result.GetValue(days);
            if (dayCount < 1)
            {
                error.WriteLine($"error: --days {dayCount} is not a positive number of days.");
                return WatchmonCommandLine.UsageError;
            }

            MonitorSettings settings;
            try
            {
                var configuration = new ConfigurationManager();
                WatchmonHost.AddConfigurationSources(configuration, Directory.GetCurrentDirectory());
                settings = MonitorSettings.Load(configuration);
            }
            catch (Exception exception) when (exception is InvalidConfigurationException or FormatException)
            {
                error.WriteLine("error: " + exception.Message);
                return WatchmonCommandLine.UsageError;
            }

            var path = Path.GetFullPath(settings.Options.SessionHistoryFile);
            if (!File.Exists(path))
            {
                output.WriteLine($"No session history yet at {path}. It is written after the first cycle of 'watchmon run' or 'watchmon once'.");
                return 0;
            }

            // Read a copy: stats must never move or rewrite the monitor's file, not even a corrupt one.
            var copy = Path.Combine(Path.GetTempPath(), $"watchmon-stats-{Guid.NewGuid():N}.json");
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
                    error.WriteLine($"error: {path} is not valid session history JSON; the monitor sets it aside at its next start.");
                    return 1;
                }

                Write(output, history.Summarize(dayCount), dayCount);
                return 0;
            }
            finally
            {
                foreach (var leftover in Directory.EnumerateFiles(Path.GetTempPath(), Path.GetFileName(copy) + "*"))
                {
                    File.Delete(leftover);
                }
            }
        });
        return command;
    }

    private static void Write(TextWriter output, SessionStatistics stats, int days)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Last {days} day(s): {stats.Sessions} cycles, {stats.SuccessRate ?? 0:P1} without a failed site, average {stats.AverageDurationSeconds ?? 0:F1} s"));
        output.WriteLine(string.Create(c, $"Watches found {stats.WatchesFound}, new {stats.NewWatches}, notifications sent {stats.NotificationsSent}, site errors {stats.Errors}"));
        output.WriteLine();
        output.WriteLine($"{"site",-18} {"cycles",7} {"found",8} {"new",6} {"sent",6} {"errors",7}");
        foreach (var site in stats.Sites)
        {
            output.WriteLine(string.Create(c, $"{site.SiteKey,-18} {site.Sessions,7} {site.WatchesFound,8} {site.NewWatches,6} {site.NotificationsSent,6} {site.Errors,7}"));
        }
    }
}
