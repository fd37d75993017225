using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications;

namespace WatchMonitor.Hosting;

/// <summary>
/// What a continuous run is about to do, said once at start (version, sites and where their alerts go, interval,
/// state, dashboard), and a last line at stop. Registered after the health endpoint so its address is known.
/// </summary>
internal sealed partial class StartBanner(
    MonitorOptions options,
    IReadOnlyList<MonitoredSite> sites,
    CycleRunner runner,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<StartBanner> logger) : IHostedService
{
    private bool _started;

    public static string Version { get; } = ReadVersion();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        _started = true;
        var enabled = sites.Where(site => site.Enabled).ToList();
        var stateDatabase = options.StateDatabaseDisplayName;
        var dashboard = DashboardUrl(services) ?? "off (HEALTH_ENABLED=false)";
        Log.Started(logger, Version, enabled.Count, options.CheckIntervalSeconds, stateDatabase, dashboard);
        foreach (var site in enabled)
        {
            var host = Host(site.Endpoints.ListingUrl);
            var destination = Destination(site);
            Log.Site(logger, site.Key, host, destination);
        }

        var skipped = string.Join(", ", sites.Where(site => !site.Enabled).Select(site => site.Key));
        if (skipped.Length > 0)
        {
            Log.Skipped(logger, skipped);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            var stateDatabase = options.StateDatabaseDisplayName;
            Log.Stopped(logger, runner.CyclesCompleted, stateDatabase);
        }

        return Task.CompletedTask;
    }

    /// <summary>The dashboard's address (the health endpoint's <c>/</c>), or null when the endpoint is off.</summary>
    public static string? DashboardUrl(IServiceProvider services) =>
        services.GetService<HealthEndpoints>()?.Addresses is [var address, ..] ? HealthOptions.ClientUri(address).ToString() : null;

    private string Destination(MonitoredSite site) => (options.EnableNotifications, site.WebhookUrl) switch
    {
        (false, _) => "the log (ENABLE_NOTIFICATIONS=false)",
        (true, null) => $"the log (no webhook: set {site.Definition.WebhookEnvironmentVariable} to post to Discord)",
        (true, var url) => "Discord " + SecretMasker.MaskWebhook(url),
    };

    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "(no listing URL)";

    private static string ReadVersion()
    {
        var version = typeof(StartBanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..Math.Min(version.Length, plus + 8)];
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "watchmon {Version} started: {Sites} site(s), a cycle every {IntervalSeconds} s, state in {StateDatabase}, dashboard {Dashboard}")]
        public static partial void Started(ILogger logger, string version, int sites, int intervalSeconds, string stateDatabase, string dashboard);

        [LoggerMessage(Level = LogLevel.Information, Message = "  {Site} ({Host}): alerts go to {Destination}")]
        public static partial void Site(ILogger logger, string site, string host, string destination);

        [LoggerMessage(Level = LogLevel.Information, Message = "  not scanned (SKIP_SITES or Enabled=false): {Sites}")]
        public static partial void Skipped(ILogger logger, string sites);

        [LoggerMessage(Level = LogLevel.Information, Message = "watchmon stopped after {Cycles} cycle(s); the state is saved in {StateDatabase}")]
        public static partial void Stopped(ILogger logger, long cycles, string stateDatabase);
    }
}
