using WatchMonitor.Soak.Monitor;

namespace WatchMonitor.Soak.Report;

/// <summary>One line of <c>soak.csv</c>: memory after a cycle (or after a forced collection that followed it).</summary>
internal readonly record struct SoakRow(long Cycle, bool Forced, MemoryReading Memory, double CycleMs, StateFileSizes Files);

/// <summary>
/// The state on disk: the database and its WAL in bytes (0 when missing), and the bytes the monitor process has
/// written to storage since it started (<c>write_bytes</c> of <c>/proc/&lt;pid&gt;/io</c>, 0 where there is none).
/// </summary>
internal readonly record struct StateFileSizes(long Database, long Wal, long WrittenBytes)
{
    public static StateFileSizes Read(StatePaths paths, int? processId = null) => new(
        SizeOf(paths.Database), SizeOf(paths.Database + "-wal"), processId is { } pid ? WriteBytes(pid) : 0);

    private static long SizeOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    // "write_bytes: 123456" in /proc/<pid>/io: what the process caused to be sent to the storage layer.
    private static long WriteBytes(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }
}

/// <summary>Where the monitor keeps its state during the soak: the JSON files it imports at its first start, and its database.</summary>
internal sealed record StatePaths(string Directory)
{
    public string Database => Path.Combine(Directory, "watchmon.db");

    public string Seen => Path.Combine(Directory, "seen_watches.json");

    public string SeenCompanion => Path.Combine(Directory, "seen_watches.meta.json");

    public string History => Path.Combine(Directory, "session_history.json");

    public string Outbox => Path.Combine(Directory, "outbox.json");
}
