using Microsoft.Extensions.Logging;

namespace WatchMonitor.Soak.Monitor;

/// <summary>Counts the monitor's warnings and errors and keeps the first few error messages for the report.</summary>
internal sealed class LogLevelCounter : ILoggerProvider
{
    private const int KeptErrors = 5;

    private readonly Lock _gate = new();
    private readonly List<string> _firstErrors = [];
    private long _warnings;
    private long _errors;

    public long Warnings => Interlocked.Read(ref _warnings);

    public long Errors => Interlocked.Read(ref _errors);

    public IReadOnlyList<string> FirstErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _firstErrors];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CountingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Record<TState>(string category, LogLevel level, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (level == LogLevel.Warning)
        {
            Interlocked.Increment(ref _warnings);
            return;
        }

        Interlocked.Increment(ref _errors);
        lock (_gate)
        {
            if (_firstErrors.Count < KeptErrors)
            {
                _firstErrors.Add($"{level} {category}: {formatter(state, exception)}{(exception is null ? "" : " (" + exception.GetType().Name + ")")}");
            }
        }
    }

    private sealed class CountingLogger(LogLevelCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Record(category, logLevel, state, exception, formatter);
            }
        }
    }
}
