using System.CommandLine;

namespace WatchMonitor.Cli;

/// <summary>The <c>watchmon</c> command tree.</summary>
internal static class WatchmonCommandLine
{
    /// <summary>Exit code for bad input: unknown site, unreadable file, unparsable page, invalid arguments.</summary>
    public const int UsageError = 2;

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Watch Monitor: watches luxury-watch dealers and posts new listings to Discord.")
        {
            RunCommands.CreateRun(output, error),
            RunCommands.CreateOnce(output, error),
            ValidateCommand.Create(output, error),
            StatsCommand.Create(output, error),
            ListingsCommand.Create(output, error),
            ExportCommand.Create(output, error),
            HealthCommand.Create(output, error),
            InitCommand.Create(output, error),
            ParseCommand.Create(output, error),
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

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }

    private static bool IsHelpRequest(string[] args) => args.Any(arg => arg is "--help" or "-h" or "-?");
}
