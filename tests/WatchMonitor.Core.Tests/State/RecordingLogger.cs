using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.Core.Tests.State;

/// <summary>Keeps every log entry so a test can assert on it, and so unexpected errors can fail the test.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries;

    public RecordingLogger(ConcurrentQueue<(LogLevel Level, string Message)> entries) => _entries = entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception)));
}
