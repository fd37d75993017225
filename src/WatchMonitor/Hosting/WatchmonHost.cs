using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Hosting;

/// <summary>Builds the monitor's host: configuration sources, logging, and every service of the monitor.</summary>
internal static class WatchmonHost
{
    /// <summary>appsettings.json (next to the program, then the working directory), .env, then environment variables.</summary>
    public static void AddConfigurationSources(IConfigurationManager configuration, string workingDirectory)
    {
        configuration.Sources.Clear();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddJsonFile(Path.Combine(workingDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        var dotEnv = Path.Combine(workingDirectory, ".env");
        if (File.Exists(dotEnv))
        {
            try
            {
                configuration.AddInMemoryCollection(DotEnvFile.Read(dotEnv));
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                var cause = exception is UnauthorizedAccessException ? "permission denied" : exception.Message;
                throw new InvalidConfigurationException(
                    $"Cannot read {dotEnv} ({cause}): give the user watchmon runs as ({Environment.UserName}) read access (e.g. chown {Environment.UserName} {dotEnv}; chmod 600 {dotEnv}).",
                    exception);
            }
        }

        configuration.AddEnvironmentVariables();
    }

    /// <param name="userConfiguration">False for <c>watchmon demo</c>: only <paramref name="overrides"/> count, never the user's files.</param>
    /// <param name="logToStandardError">Every log line on stderr, so a command's own output on stdout stays clean.</param>
    public static HostApplicationBuilder CreateBuilder(
        RunSettings runSettings,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        bool userConfiguration = true,
        bool logToStandardError = false)
    {
        NativeHeap.TryLimitArenas();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
        });
        if (userConfiguration)
        {
            AddConfigurationSources(builder.Configuration, Directory.GetCurrentDirectory());
        }
        else
        {
            builder.Configuration.Sources.Clear();
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        if (logToStandardError)
        {
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);
        // Polly reports every timeout at Error without site or URL; the scan's own warning says which site and what
        // to do, so Polly's resilience telemetry would only add noise (and false alarms) to the log.
        builder.Logging.AddFilter("Polly", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        // Operators change levels with the standard keys, e.g. Logging__LogLevel__WatchMonitor=Debug (README "Logs");
        // they are read after the defaults above, so they win.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.AddWatchMonitor(builder.Configuration, runSettings);

        // Type=notify and journal-friendly logs under systemd; service control under Windows. No-ops otherwise.
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(options => options.ServiceName = "WatchMonitor");
        return builder;
    }
}
