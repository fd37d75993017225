using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
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

    /// <summary>The redirects a dealer request follows (each one checked by <see cref="OutboundRequestHandler"/>).</summary>
    public const int MaxRedirects = 5;

    /// <summary>
    /// One pipeline for dealer pages, one for Discord, both ending in <see cref="OutboundRequestHandler"/>. Handlers
    /// live for the process; SocketsHttpHandler recycles connections, so singletons see no stale DNS.
    /// </summary>
    /// <param name="destinations">The URLs notifications go to beyond the sites' webhooks (routes, Telegram's API).</param>
    public static IServiceCollection AddWatchMonitorHttp(this IServiceCollection services, MonitorOptions options, IReadOnlyList<MonitoredSite> sites, IEnumerable<string?>? destinations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = OutboundHostPolicy.From(options, sites, destinations);
        services.AddSingleton(policy);
        var dealer = services.AddHttpClient(DealerClient, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8");
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.8");
            })
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(options))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's request logging names every URL, a webhook's token included, at Information; the
            // monitor logs each failure itself with the URL masked.
            .RemoveAllLoggers();
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
                        // A refused host is a decision, not a transient failure.
                        ShouldHandle = arguments => ValueTask.FromResult(
                            arguments.Outcome.Exception is not OutboundRequestRefusedException
                            && HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
                    });
                }

                builder.AddTimeout(options.RequestTimeout);
            });

        // Inside the retries: each attempt is stamped, so the body read is bounded by that attempt's timeout.
        dealer.AddHttpMessageHandler(provider => new AttemptClockHandler(provider.GetRequiredService<TimeProvider>()));

        // Inside the retries and the per-attempt timeout: each attempt's redirects count against its timeout.
        dealer.AddHttpMessageHandler(provider => new OutboundRequestHandler(
            policy, provider.GetRequiredService<ILogger<OutboundRequestHandler>>(), MaxRedirects));

        // Polly logs every attempt the retry handles (a 500, a timeout) as an Error, even when the retry then
        // succeeds. The retry itself is logged as a warning, and a site that fails for good by the scan's warning.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = arguments =>
            arguments.Event is { EventName: "ExecutionAttempt", Severity: ResilienceEventSeverity.Error }
                ? ResilienceEventSeverity.Information
                : arguments.Event.Severity);

        services.AddHttpClient(DiscordClient, client =>
            {
                // RequestTimeoutHandler below times each post out on the monitor's clock instead.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("WatchMonitor (https://github.com, 1.0)");
            })
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(options))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(provider => new RequestTimeoutHandler(options.RequestTimeout, provider.GetRequiredService<TimeProvider>()))
            // Discord does not redirect webhook posts; a redirect is handed back as an answer, never followed.
            .AddHttpMessageHandler(provider => new OutboundRequestHandler(
                policy, provider.GetRequiredService<ILogger<OutboundRequestHandler>>(), maxRedirects: 0));

        services.AddSingleton<IPageFetcher>(provider =>
            new PageFetcher(provider.GetRequiredService<IHttpClientFactory>().CreateClient(DealerClient), options, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new DiscordWebhookClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordClient),
            provider.GetRequiredService<ILogger<DiscordWebhookClient>>()));
        return services;
    }

    private static SocketsHttpHandler CreateHandler(MonitorOptions options) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Cycles are minutes apart: closing idle connections between them keeps sockets and buffers from piling up.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        MaxConnectionsPerServer = Math.Max(2, options.MaxConcurrentDetails + 1),
        AutomaticDecompression = DecompressionMethods.All,
        // Redirects are followed by OutboundRequestHandler, which checks each target's host; the socket handler
        // would follow them to any host.
        AllowAutoRedirect = false,
        ConnectTimeout = options.RequestTimeout,
        MaxResponseHeadersLength = 64,
    };
}
