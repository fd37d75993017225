using System.Globalization;

namespace WatchMonitor.CrashTests;

/// <summary>
/// Everything the run and the monitor processes say, in one file (kept when the run fails), and the last lines in
/// memory for the failure message.
/// </summary>
internal sealed class RunLog : IDisposable
{
    private const int TailLines = 60;
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private readonly Queue<string> _tail = new();
    private readonly long _start = TimeProvider.System.GetTimestamp();

    public RunLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(path) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>The monitor's warning, error and critical lines, without their timestamps, with how often each came.</summary>
    public SortedDictionary<string, int> MonitorProblems { get; } = new(StringComparer.Ordinal);

    /// <summary>Notes a line of the monitor's console output if it is a warning, an error or critical.</summary>
    public void NoteMonitorLine(string line)
    {
        foreach (var level in (ReadOnlySpan<string>)[" warn: ", " fail: ", " crit: "])
        {
            var at = line.IndexOf(level, StringComparison.Ordinal);
            if (at >= 0)
            {
                var problem = line[(at + 1)..];
                lock (_gate)
                {
                    MonitorProblems[problem] = MonitorProblems.GetValueOrDefault(problem) + 1;
                }

                return;
            }
        }
    }

    public void Write(string line)
    {
        var stamped = string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetElapsedTime(_start).TotalSeconds,8:F3} {line}");
        lock (_gate)
        {
            _writer.WriteLine(stamped);
            _tail.Enqueue(stamped);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _tail);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}
