using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Telemetry;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Sites;

namespace WatchMonitor.Http;

public static class HttpServiceCollectionExtensions
{
    public const string DealerClient = "dealer";
    public const string DiscordClient = "discord";

    /// <summary>
    /// One pooled pipeline for dealer pages and one for Discord. Handlers live for the process (their
    /// SocketsHttpHandler recycles connections itself), so the fetcher can be a singleton without stale DNS.
    /// </summary>
    public static IServiceCollection AddWatchMonitorHttp(this IServiceCollection services, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dealer = services.AddHttpClient(DealerClient, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8");
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.8");
            })
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(options))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        dealer.AddResilienceHandler("dealer-retries", builder =>
        {
            if (options.MaxRetries > 0)
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromSeconds(options.RetryBackoffFactor),
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                });
            }

            builder.AddTimeout(options.RequestTimeout);
        });
        // Inside the retries: each attempt is stamped, so the body read is bounded by that attempt's timeout.
        dealer.AddHttpMessageHandler(provider => new AttemptClockHandler(provider.GetRequiredService<TimeProvider>()));

        // Polly logs every attempt the retry handles (a 500, a timeout) as an Error, even when the retry then
        // succeeds. The retry itself is logged as a warning, and a site that fails for good by the scan's warning.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = arguments =>
            arguments.Event is { EventName: "ExecutionAttempt", Severity: ResilienceEventSeverity.Error }
                ? ResilienceEventSeverity.Information
                : arguments.Event.Severity);

        services.AddHttpClient(DiscordClient, client =>
            {
                client.Timeout = options.RequestTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("WatchMonitor (https://github.com, 1.0)");
            })
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(options))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<IPageFetcher>(provider => new PageFetcher(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(DealerClient),
            options,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new DiscordWebhookClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordClient),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DiscordWebhookClient>>()));
        return services;
    }

    private static SocketsHttpHandler CreateHandler(MonitorOptions options) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Cycles are minutes apart: closing idle connections between them keeps sockets and buffers from piling up.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        MaxConnectionsPerServer = Math.Max(2, options.MaxConcurrentDetails + 1),
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        ConnectTimeout = options.RequestTimeout,
        MaxResponseHeadersLength = 64,
    };
}
