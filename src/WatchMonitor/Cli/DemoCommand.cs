using System.CommandLine;
using WatchMonitor.Demo;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon demo</c>: the real monitor against invented dealers on this machine, no configuration needed.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command(
            "demo",
            "Try the monitor without any configuration: six invented dealers on this machine list a new watch every few seconds, the real monitor alerts them to the console, and the dashboard shows them. Nothing is sent anywhere; Ctrl+C stops.");
        command.SetAction((_, cancellationToken) => RunAsync(output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var stateDirectory = Directory.CreateTempSubdirectory("watchmon-demo-").FullName;
        try
        {
            await using var dealers = await DemoDealers.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var plan = new HostPlan(new RunSettings(), DemoSetup.Settings(dealers, stateDirectory))
            {
                UserConfiguration = false,
                AddServices = services => DemoSetup.AddDemo(services, dealers, stateDirectory),
            };
            var exitCode = await RunCommands.RunAsync(plan, error, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("Demo stopped. Run 'watchmon init' to write a .env, then 'watchmon run' to watch the real dealers.").ConfigureAwait(false);
            return exitCode;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(stateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open at exit: the temporary directory is left for the OS to clean.
            }
        }
    }
}
