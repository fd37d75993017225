using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Configuration;
using WatchMonitor.Hosting;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary>The state database for the commands that only read it (stats, listings, export), without a host.</summary>
internal sealed class StateCommandContext
{
    private StateCommandContext(MonitorOptions options, StateDatabase database, RouteTable routes)
    {
        Options = options;
        Routes = routes;
        Database = database;
        History = new SessionHistory(database, TimeProvider.System, options.MaxSessionHistoryEntries, options.SessionHistoryRetentionDays);
    }

    public MonitorOptions Options { get; }

    public StateDatabase Database { get; }

    public RouteTable Routes { get; }

    public SessionHistory History { get; }

    /// <summary>Loads the configuration and opens an existing database for reading only.</summary>
    /// <returns>Null (with the reason written) when the configuration is invalid or there is no database yet; see <paramref name="exitCode"/>.</returns>
    public static StateCommandContext? Open(TextWriter output, TextWriter error, out int exitCode)
    {
        if (LoadSettings(error) is not { } settings)
        {
            exitCode = WatchmonCommandLine.UsageError;
            return null;
        }

        var database = new StateDatabase(settings.Options.StateDatabase, NullLogger<StateDatabase>.Instance);
        try
        {
            if (!database.Exists)
            {
                output.WriteLine($"No state database yet at {database.DisplayName}. It is created by the first 'watchmon run' or 'watchmon once' (which imports the JSON state files of the Python monitor).");
                exitCode = 0;
                return null;
            }

            // Read only: these commands must not migrate or lock the database a running monitor uses.
            if (!database.OpenReadOnly())
            {
                error.WriteLine($"error: the state database {database.DisplayName} is at another schema version than this watchmon reads. Run 'watchmon once' (or start 'watchmon run') with this version to migrate it, then try again.");
                exitCode = 1;
                return null;
            }
        }
        catch (StateFileException exception)
        {
            error.WriteLine("error: " + exception.Message);
            exitCode = WatchmonCommandLine.UsageError;
            return null;
        }

        exitCode = 0;
        return new StateCommandContext(settings.Options, database, settings.Routes);
    }

    /// <summary>The configuration of the working directory and environment, or null with the reason written.</summary>
    public static MonitorSettings? LoadSettings(TextWriter error)
    {
        try
        {
            var configuration = new ConfigurationManager();
            WatchmonHost.AddConfigurationSources(configuration, Directory.GetCurrentDirectory());
            return MonitorSettings.Load(configuration);
        }
        catch (Exception exception) when (exception is InvalidConfigurationException or FormatException)
        {
            error.WriteLine("error: " + exception.Message);
            return null;
        }
    }
}
