using Microsoft.Extensions.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Configuration;

/// <summary>Options and sites read from configuration and checked together, once, at start.</summary>
public sealed partial record MonitorSettings(MonitorOptions Options, MemoryOptions Memory, IReadOnlyList<MonitoredSite> Sites)
{
    /// <summary>The notification routes: <c>Notifications:Routes</c> and each site's own webhook.</summary>
    public RouteTable Routes { get; init; } = RouteTable.Empty;

    /// <exception cref="InvalidConfigurationException">Every problem found, one per line.</exception>
    public static MonitorSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var separators = MonitorOptionsValidator.ValidateDecimalSeparators(configuration);
        if (separators.Count > 0)
        {
            throw new InvalidConfigurationException(separators);
        }

        MonitorOptions options;
        MemoryOptions memory;
        IReadOnlyList<MonitoredSite> sites;
        try
        {
            options = configuration.Get<MonitorOptions>() ?? new MonitorOptions();
            memory = configuration.Get<MemoryOptions>() ?? new MemoryOptions();
            sites = MonitoredSites.Resolve(configuration, options);
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidConfigurationException([NotConvertible(configuration, exception)]);
        }

        var (routes, routeErrors) = RouteTableBuilder.Build(configuration, sites);
        var errors = MonitorOptionsValidator.Validate(options, sites.Where(site => site.IsConfigured).Select(site => site.Key))
            .Concat(MemoryOptions.Validate(memory))
            .Concat(MonitorOptionsValidator.ValidateSiteSections(configuration))
            .Concat(MonitorOptionsValidator.Validate(sites))
            .Concat(routeErrors)
            .ToList();
        return errors.Count > 0 ? throw new InvalidConfigurationException(errors) : new MonitorSettings(options, memory, sites) { Routes = routes };
    }

    // "… at 'CHECK_INTERVAL_SECONDS' to type 'System.Int32'."
    [System.Text.RegularExpressions.GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex BinderFailure();

    // The binder says "Failed to convert configuration value at 'KEY' to type 'System.Int32'." without the value.
    private static string NotConvertible(IConfiguration configuration, InvalidOperationException exception)
    {
        var match = BinderFailure().Match(exception.Message);
        if (!match.Success)
        {
            return exception.Message + " Use a plain number or true/false.";
        }

        var key = match.Groups["key"].Value;
        var expected = match.Groups["type"].Value switch
        {
            "System.Boolean" => "true or false",
            "System.Int32" or "System.Int64" => "a whole number such as 300",
            _ => "a plain number such as 1.5 (with a dot)",
        };
        return $"{key}='{configuration[key]}' is not {expected}: fix the value, or remove it for the default.";
    }
}

/// <summary>Configuration that the monitor refuses to start with.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : this([message])
    {
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public InvalidConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(error => "  - " + error)))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
