using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>One log line the monitor wrote, with its category and exception.</summary>
public sealed record RecordedLog(LogLevel Level, string Category, string Message, Exception? Exception)
{
    /// <summary>What a console would show: the message, then the exception with its stack.</summary>
    public string Text => Exception is null ? Message : Message + Environment.NewLine + Exception;

    public override string ToString() => $"{Level} {Category}: {Text}";
}

/// <summary>
/// Records every log line of the monitors a test starts, echoes it to the test output, and knows which errors the
/// test expects: any other Error or Critical fails the test at the end (Sonarr's exception verification).
/// </summary>
public sealed class LogRecorder(ITestOutputHelper? output) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<RecordedLog> _entries = [];
    private readonly List<string> _expectedErrors = [];
    private readonly List<(LogLevel Level, string Fragment, int Count, TaskCompletionSource Reached)> _waiters = [];

    public IReadOnlyList<RecordedLog> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Error-level lines containing <paramref name="fragment"/> are expected and do not fail the test.</summary>
    public void ExpectErrors(string fragment)
    {
        lock (_gate)
        {
            _expectedErrors.Add(fragment);
        }
    }

    /// <summary>Lines at <paramref name="level"/> whose message contains <paramref name="fragment"/>.</summary>
    public IReadOnlyList<RecordedLog> Matching(LogLevel level, string fragment) =>
        [.. Entries.Where(entry => entry.Level == level && entry.Message.Contains(fragment, StringComparison.Ordinal))];

    /// <summary>
    /// Completes once <paramref name="count"/> lines at <paramref name="level"/> contain <paramref name="fragment"/>:
    /// the monitor has finished with what they report, a signal that needs no sleep.
    /// </summary>
    public Task WaitForMatchesAsync(LogLevel level, string fragment, int count = 1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (CountMatches(level, fragment) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((level, fragment, count, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Error and Critical lines no <see cref="ExpectErrors"/> call covers.</summary>
    public IReadOnlyList<RecordedLog> UnexpectedErrors()
    {
        lock (_gate)
        {
            return [.. _entries.Where(entry => entry.Level >= LogLevel.Error
                && !_expectedErrors.Exists(fragment => entry.Message.Contains(fragment, StringComparison.Ordinal)))];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // The recorder outlives the hosts that log to it; the test reads it after they are gone.
    }

    private void Add(RecordedLog entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var waiter = _waiters[i];
                if (CountMatches(waiter.Level, waiter.Fragment) >= waiter.Count)
                {
                    waiter.Reached.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        try
        {
            output?.WriteLine(entry.ToString());
        }
        catch (InvalidOperationException)
        {
            // A background log after the test ended has no output to go to; it is still recorded.
        }
    }

    private int CountMatches(LogLevel level, string fragment) =>
        _entries.Count(entry => entry.Level == level && entry.Message.Contains(fragment, StringComparison.Ordinal));

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            recorder.Add(new RecordedLog(logLevel, category, formatter(state, exception), exception));
        }
    }
}
