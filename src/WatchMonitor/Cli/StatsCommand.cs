using System.CommandLine;
using System.Globalization;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon stats [--days N]</c>: totals from the session history and per route destination, read-only.</summary>
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
        var command = new Command("stats", "Show totals, success rate, average duration, per-site counts and per-route destination counts from the state database.") { days };
        command.SetAction(result =>
        {
            var dayCount = result.GetValue(days);
            if (dayCount < 1)
            {
                error.WriteLine($"error: --days {dayCount} is not a positive number of days.");
                return WatchmonCommandLine.UsageError;
            }

            if (StateCommandContext.Open(output, error, out var exitCode) is not { } state)
            {
                return exitCode;
            }

            Write(output, state.History.Summarize(dayCount), dayCount);
            RouteReport.Write(output, state.Routes, DestinationTotals.Read(state.Database));
            return 0;
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
