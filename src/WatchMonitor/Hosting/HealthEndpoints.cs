using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WatchMonitor.Dashboard;
using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Hosting;

/// <summary>
/// Serves <c>GET /health</c> (JSON; 200 when Healthy or Degraded, 503 when Unhealthy), <c>GET /metrics</c>
/// (Prometheus text) and the dashboard (<see cref="DashboardEndpoints"/>) from a slim Kestrel app that lives inside
/// the monitor's host. Listens on <c>Health:Url</c>, loopback by default; <c>HEALTH_ENABLED=false</c> binds nothing.
/// With <c>Health:AccessToken</c> set, everything but <c>/health</c> asks for it (<see cref="AccessTokenGate"/>). A port it cannot bind stops the start (see
/// <see cref="BindFailure"/>): a monitor that nobody can probe looks dead to its supervision.
/// </summary>
internal sealed partial class HealthEndpoints(
    IOptions<HealthOptions> options,
    IHealthSource health,
    HealthMetrics metrics,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<HealthEndpoints> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where Kestrel listens once started (port 0 resolved); empty while stopped or disabled.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>Why the endpoint could not listen (the host was stopped before the first cycle); null otherwise.</summary>
    public string? BindFailure { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            Log.Disabled(logger);
            return;
        }

        if (!HealthOptions.TryParseListenUrl(settings.Url, out var url))
        {
            // Unreachable after ValidateOnStart; kept so a host built without validation still fails clearly.
            throw new OptionsValidationException(nameof(HealthOptions), typeof(HealthOptions), HealthOptions.Validate(settings));
        }

        var app = Build(url);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException)
        {
            BindFailure = $"the health endpoint cannot listen on {url} ({Cause(exception)}): another program, maybe another watchmon, uses that port. "
                + "Set Health__Url to a free port (e.g. http://127.0.0.1:8766) or HEALTH_ENABLED=false.";
            Log.BindFailed(logger, BindFailure);
            await app.DisposeAsync().ConfigureAwait(false);
            lifetime.StopApplication();
            return;
        }

        _app = app;
        Addresses = [.. app.Urls.Select(address => new Uri(address))];
        foreach (var address in Addresses)
        {
            Log.Listening(logger, address);
        }

        if (!HealthOptions.IsLoopback(url))
        {
            Log.NotLoopback(logger, url);
        }
        else if (!string.IsNullOrEmpty(settings.AccessToken))
        {
            Log.TokenRequired(logger);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var app = Interlocked.Exchange(ref _app, null);
        Addresses = [];
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Cause(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return socket.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse ? "address already in use" : socket.Message;
            }
        }

        return exception.Message;
    }

    private WebApplication Build(Uri url)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HealthEndpoints).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // Everything comes from HealthOptions: ASPNETCORE_URLS or a Kestrel section in appsettings.json must not
        // move the endpoint somewhere the user did not ask for.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed bind is reported once, by StartAsync, with the fix; the inner host's stack trace would only repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, OwnedByParentLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Limits.MaxConcurrentConnections = 64;
            Listen(kestrel, url);
        });

        var app = builder.Build();
        var gate = new AccessTokenGate(options.Value.AccessToken);
        app.Use(gate.InvokeAsync);
        app.Use(AddSecurityHeaders);
        app.MapGet("/health", (RequestDelegate)WriteHealthAsync);
        app.MapGet("/metrics", (RequestDelegate)WriteMetricsAsync);
        app.MapGet("/memory", (RequestDelegate)WriteMemoryReportAsync);
        // Without the monitor's state (a host built for the endpoint alone) there is nothing to show but health.
        if (services.GetService(typeof(DashboardQuery)) is DashboardQuery dashboard)
        {
            new DashboardEndpoints(dashboard).Map(app);
        }

        return app;
    }

    private static Task AddSecurityHeaders(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }

    private static void Listen(KestrelServerOptions kestrel, Uri url)
    {
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, url.Port);
        }
        else
        {
            // localhost: both loopback addresses, as Kestrel does for http://localhost.
            kestrel.ListenLocalhost(url.Port);
        }
    }

    // The managed-heap report of the running monitor (GC generations, fragmentation, settings, and the dotnet-gcdump
    // command for a type histogram), for operators who see memory grow: docs/memory-profiling.md.
    private async Task WriteMemoryReportAsync(HttpContext context)
    {
        if (services.GetService(typeof(WatchMonitor.Diagnostics.MemoryReport)) is not WatchMonitor.Diagnostics.MemoryReport report)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await report.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteHealthAsync(HttpContext context)
    {
        HealthSnapshot snapshot;
        try
        {
            snapshot = health.Current().Redacted();
        }
        catch (Exception exception)
        {
            Log.SourceFailed(logger, exception);
            snapshot = new HealthSnapshot(
                HealthStatus.Unhealthy,
                [$"the health check itself failed ({exception.GetType().Name}); see the monitor's log"],
                new MemoryHealth(0, 0, 0, 0, false),
                null,
                0,
                0,
                new Dictionary<string, SiteHealth>());
        }

        context.Response.StatusCode = snapshot.Status == HealthStatus.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, snapshot, HealthJsonContext.Default.HealthSnapshot, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteMetricsAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = HealthMetrics.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await metrics.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The inner app's logs go through the monitor's logging, Warning and above only.</summary>
    private sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

        public void Dispose()
        {
            // The monitor owns the factory.
        }
    }

    /// <summary>The monitor's host handles Ctrl+C and SIGTERM and stops this app; it must not listen for them itself.</summary>
    private sealed class OwnedByParentLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint is off (HEALTH_ENABLED=false)")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint and dashboard listening on {Url} (GET /, /health, /metrics, /api/sites, /api/listings)")]
        public static partial void Listening(ILogger logger, Uri url);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Health endpoint and dashboard listen on {Url}, which other machines may reach; everything but /health asks for Health__AccessToken. The token travels as plain HTTP: put a TLS reverse proxy in front unless the network is trusted, or use Health__Url=http://127.0.0.1:8765 to keep it on this machine.")]
        public static partial void NotLoopback(ILogger logger, Uri url);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard, /metrics and /memory ask for Health__AccessToken (open /?token=... once in a browser)")]
        public static partial void TokenRequired(ILogger logger);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Not starting: {Reason}")]
        public static partial void BindFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "The health source failed; /health answered 503. Please report this with the exception below.")]
        public static partial void SourceFailed(ILogger logger, Exception exception);
    }
}
