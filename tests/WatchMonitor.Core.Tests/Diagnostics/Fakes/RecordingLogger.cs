using Microsoft.Extensions.Logging;

namespace WatchMonitor.Core.Tests.Diagnostics.Fakes;

public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

/// <summary>Keeps every log entry so tests can assert on levels, messages and structured values.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<LogEntry> AtLevel(LogLevel level) => [.. Entries.Where(entry => entry.Level == level)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        lock (_gate)
        {
            _entries.Add(new LogEntry(logLevel, formatter(state, exception), exception, [.. values]));
        }
    }
}
