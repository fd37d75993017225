using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Hosting;

namespace WatchMonitor.Cli;

/// <summary>The settings of the working directory (appsettings.json, .env, environment), for commands that start no monitor.</summary>
internal static class CliSettings
{
    /// <returns>The settings, or null after writing why they cannot be loaded to <paramref name="error"/>.</returns>
    public static MonitorSettings? TryLoad(TextWriter error)
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
