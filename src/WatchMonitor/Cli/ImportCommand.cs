using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon import --from FILE [--merge]</c>: a monitor's SQLite state copied into STATE_DATABASE (typically PostgreSQL).</summary>
internal static class ImportCommand
{
    public const int Refused = 1;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { HelpName = "file", Description = "The SQLite state file to copy (a monitor's watchmon.db); it is only read, and no monitor may run on it", Required = true };
        var merge = new Option<bool>("--merge") { Description = "Add the rows STATE_DATABASE does not have yet, never overwriting one, instead of refusing a database that already holds listings" };
        var command = new Command("import", "Copy a SQLite state file into STATE_DATABASE (e.g. moving to PostgreSQL), in one transaction and keeping ids, so nothing is alerted again and queued messages stay queued.") { from, merge };
        command.SetAction(result =>
        {
            var source = result.GetValue(from)!;
            if (!File.Exists(source))
            {
                error.WriteLine($"error: --from {Path.GetFullPath(source)} does not exist: give the path of the monitor's SQLite state file (watchmon.db).");
                return WatchmonCommandLine.UsageError;
            }

            if (StateCommandContext.LoadSettings(error) is not { } settings)
            {
                return WatchmonCommandLine.UsageError;
            }

            using var target = new StateDatabase(settings.Options.StateDatabase, NullLogger<StateDatabase>.Instance);
            try
            {
                var report = new SqliteStateImport(target).Run(source, result.GetValue(merge), settings.Options.StateDirectory);
                Print(output, report);
                return 0;
            }
            catch (Exception exception) when (exception is StateImportException or InstanceLockException or StateFileException)
            {
                error.WriteLine("error: " + exception.Message);
                return Refused;
            }
        });
        return command;
    }

    private static void Print(TextWriter output, StateImportReport report)
    {
        output.WriteLine($"Imported {report.Source} (schema version {report.SourceVersion}) into {report.Target}:");
        var width = report.Tables.Max(table => table.Table.Length);
        var showKept = report.Merged || report.AlreadyThere > 0;
        foreach (var table in report.Tables)
        {
            var line = $"  {table.Table.PadRight(width)}  {table.Copied,9} copied";
            output.WriteLine(showKept ? $"{line}  {table.AlreadyThere,9} already there" : line);
        }

        output.WriteLine(showKept
            ? $"{report.Copied} row(s) copied, {report.AlreadyThere} already there and left as they were."
            : $"{report.Copied} row(s) copied. Start watchmon on STATE_DATABASE: it goes on where the old monitor stopped, without a new baseline or repeated alerts.");
    }
}
