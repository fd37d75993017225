using System.CommandLine;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Cli;

/// <summary>The <c>watchmon</c> command tree.</summary>
internal static class WatchmonCommandLine
{
    /// <summary>
    /// Exit code of a command that could not do its job: invalid arguments or configuration, a file or directory it
    /// cannot read or write, an unknown site or unparsable page, another monitor on the same state, a taken health
    /// port. 1 means the command ran and found a problem (a failed site, a rejected webhook, a degraded monitor).
    /// </summary>
    public const int UsageError = 2;

    /// <summary>Ctrl+C or SIGTERM ended the command (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    // How long Ctrl+C / SIGTERM waits for a command to end before the process exits anyway: longer than the flush's
    // own deadline, shorter than the unit's TimeoutStopSec.
    private static readonly TimeSpan TerminationTimeout = MonitorLoop.FlushDeadline + TimeSpan.FromSeconds(10);

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Watch Monitor: watches luxury-watch dealers and alerts new listings on Discord, ntfy, Telegram, Slack or JSON.")
        {
            RunCommands.CreateRun(output, error),
            RunCommands.CreateOnce(output, error),
            ValidateCommand.Create(output, error),
            StatsCommand.Create(output, error),
            ListingsCommand.Create(output, error),
            ExportCommand.Create(output, error),
            ImportCommand.Create(output, error),
            HealthCommand.Create(output, error),
            InitCommand.Create(output, error),
            ParseCommand.Create(output, error),
            SitesCommand.Create(output, error),
            TryCommand.Create(output, error),
            DemoCommand.Create(output, error),
            NotifyTestCommand.Create(output, error),
        };

        // No command means "run", as the monitor is usually started bare by a service manager.
        root.SetAction((_, cancellationToken) => RunCommands.RunAsync(new Monitoring.RunSettings(), memoryProfile: false, error, cancellationToken));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !IsHelpRequest(args))
        {
            await error.WriteLineAsync("error: " + parseResult.Errors[0].Message).ConfigureAwait(false);
            return UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TerminationTimeout,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM before a command reached a point where it handles the stop itself (e.g. loading state).
            await error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return Interrupted;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            // Whatever file a command touches, a missing permission ends it with one line, not a stack trace.
            await error.WriteLineAsync($"error: {exception.Message} Give the user watchmon runs as ({Environment.UserName}) access to that path (e.g. chown, chmod u+rw), or run watchmon where it may read and write.").ConfigureAwait(false);
            return UsageError;
        }
    }

    private static bool IsHelpRequest(string[] args) => args.Any(arg => arg is "--help" or "-h" or "-?");
}
