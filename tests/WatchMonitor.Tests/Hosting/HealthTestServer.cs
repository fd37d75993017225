using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Tests.Hosting;

/// <summary>The monitor's health endpoint in a real generic host, on 127.0.0.1, over a fake health source.</summary>
internal sealed class HealthTestServer : IAsyncDisposable
{
    private readonly IHost _host;

    private HealthTestServer(IHost host, FakeHealthSource source, RecordingLoggerProvider logs)
    {
        _host = host;
        Source = source;
        Logs = logs;
    }

    public FakeHealthSource Source { get; }

    public RecordingLoggerProvider Logs { get; }

    public HealthEndpoints Endpoints => _host.Services.GetRequiredService<HealthEndpoints>();

    public IHostApplicationLifetime Lifetime => _host.Services.GetRequiredService<IHostApplicationLifetime>();

    public IReadOnlyList<Uri> Addresses => Endpoints.Addresses;

    public Uri BaseAddress => Assert.Single(Addresses);

    public static async Task<HealthTestServer> StartAsync(string url = "http://127.0.0.1:0", string? enabled = null, string? accessToken = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Health:Url"] = url,
            ["HEALTH_ENABLED"] = enabled,
            ["Health:AccessToken"] = accessToken,
        });
        var source = new FakeHealthSource();
        var logs = new RecordingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<IHealthSource>(source);
        builder.Services.AddSingleton<IMetricsSource>(source);
        builder.Services.AddHealthEndpoints(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new HealthTestServer(host, source, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

internal sealed class FakeHealthSource : IHealthSource, IMetricsSource
{
    public static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public HealthSnapshot Snapshot { get; set; } = Create(HealthStatus.Healthy);

    public MetricsSnapshot? Metrics { get; set; }

    public Exception? Failure { get; set; }

    public static HealthSnapshot Create(HealthStatus status, string? lastError = null) => new(
        status,
        status == HealthStatus.Healthy ? [] : ["grimmeissen: failing (4 in a row)"],
        new MemoryHealth(151.5, 42.25, 400, 500, false),
        new CycleHealth(At, At.AddSeconds(30), 30, 2, 1),
        7,
        3,
        new Dictionary<string, SiteHealth>(StringComparer.Ordinal)
        {
            ["worldoftime"] = new(At, 0, 40, false, false),
            ["grimmeissen"] = new(At.AddMinutes(-20), 4, 0, false, true, lastError ?? "timed out"),
        });

    public HealthSnapshot Current() => Failure is null ? Snapshot : throw Failure;

    MetricsSnapshot IMetricsSource.Current() => Metrics ?? new MetricsSnapshot(
        Current(),
        210,
        new Dictionary<string, SiteCounters>(StringComparer.Ordinal)
        {
            ["worldoftime"] = new(280, 5, 0, 5, 0),
            ["grimmeissen"] = new(120, 2, 4, 1, 1),
        });
}

internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. _entries];

    public IReadOnlyList<string> Errors => [.. _entries.Where(entry => entry.Level >= LogLevel.Error).Select(entry => entry.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
