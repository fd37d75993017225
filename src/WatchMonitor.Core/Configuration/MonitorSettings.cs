using Microsoft.Extensions.Configuration;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Configuration;

/// <summary>Options and sites read from configuration and checked together, once, at start.</summary>
public sealed record MonitorSettings(MonitorOptions Options, MemoryOptions Memory, IReadOnlyList<MonitoredSite> Sites)
{
    /// <exception cref="InvalidConfigurationException">Every problem found, one per line.</exception>
    public static MonitorSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        MonitorOptions options;
        MemoryOptions memory;
        try
        {
            options = configuration.Get<MonitorOptions>() ?? new MonitorOptions();
            memory = configuration.Get<MemoryOptions>() ?? new MemoryOptions();
        }
        catch (InvalidOperationException exception)
        {
            // The binder's message names the key and the value that is not a number or boolean.
            throw new InvalidConfigurationException([exception.Message + " Use a plain number or true/false."]);
        }

        var sites = MonitoredSites.Resolve(configuration, options);
        var errors = MonitorOptionsValidator.Validate(options)
            .Concat(MemoryOptions.Validate(memory))
            .Concat(MonitorOptionsValidator.Validate(sites))
            .ToList();
        return errors.Count > 0 ? throw new InvalidConfigurationException(errors) : new MonitorSettings(options, memory, sites);
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
