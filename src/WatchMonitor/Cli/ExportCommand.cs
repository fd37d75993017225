using System.CommandLine;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon export [--seen FILE] [--history FILE]</c>: the database back in the Python monitor's JSON formats.</summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var seen = new Option<string?>("--seen") { Description = "Write the seen ids here (the Python seen_watches.json format) and the companion <name>.meta.json beside it" };
        var history = new Option<string?>("--history") { Description = "Write the session history here (the Python session_history.json format)" };
        var command = new Command("export", "Write the state database as the Python monitor's JSON files, to go back to it or to inspect with jq. Without options, writes both to SEEN_WATCHES_FILE and SESSION_HISTORY_FILE.") { seen, history };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (StateCommandContext.Open(output, error, out var exitCode) is not { } state)
            {
                return exitCode;
            }

            var seenPath = result.GetValue(seen);
            var historyPath = result.GetValue(history);
            if (seenPath is null && historyPath is null)
            {
                seenPath = state.Options.SeenWatchesFile;
                historyPath = state.Options.SessionHistoryFile;
            }

            var exporter = new StateExporter(state.Database, state.History, new AtomicFileWriter(Microsoft.Extensions.Logging.Abstractions.NullLogger<AtomicFileWriter>.Instance), TimeProvider.System);
            try
            {
                if (seenPath is not null)
                {
                    var ids = await exporter.ExportSeenAsync(seenPath, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"Wrote {ids} seen ids to {Path.GetFullPath(seenPath)} (and its .meta.json companion).");
                }

                if (historyPath is not null)
                {
                    var sessions = await exporter.ExportHistoryAsync(historyPath, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"Wrote {sessions} sessions to {Path.GetFullPath(historyPath)}.");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {exception.Message}. Choose a path the current user may write.");
                return WatchmonCommandLine.UsageError;
            }

            return 0;
        });
        return command;
    }
}
