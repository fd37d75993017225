using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// Every log call of a monitor at every level, as a console with scopes and a JSON formatter would see it: the
/// message, each structured value, every active scope (and its values) and the exception with its inner ones.
/// <see cref="Install"/> lowers the minimum level to Trace and drops every category filter except the categories
/// the product switches off entirely (<see cref="LogLevel.None"/>: Polly's telemetry, which never reaches any sink).
/// </summary>
public sealed class ScopeCapturingLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Install(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.MinLevel = LogLevel.Trace;
            var silenced = options.Rules.Where(rule => rule.LogLevel == LogLevel.None).ToList();
            options.Rules.Clear();
            foreach (var rule in silenced)
            {
                options.Rules.Add(rule);
            }
        });
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Read after the hosts are gone.
    }

    private static void AppendValues(StringBuilder line, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                line.Append(" | ").Append(key).Append('=').Append(value);
            }
        }
    }

    private sealed class Logger(ScopeCapturingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var line = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            AppendValues(line, state);
            owner._scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" => ").Append(scope);
                AppendValues(builder, scope);
            }, line);
            if (exception is not null)
            {
                line.AppendLine().Append(exception);
            }

            owner._lines.Enqueue(line.ToString());
        }
    }
}
