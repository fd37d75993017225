using WatchMonitor.Soak.Monitor;

namespace WatchMonitor.Soak.Report;

/// <summary>One line of <c>soak.csv</c>: memory after a cycle (or after a forced collection that followed it).</summary>
internal readonly record struct SoakRow(long Cycle, bool Forced, MemoryReading Memory, double CycleMs, StateFileSizes Files);

/// <summary>Sizes of the state files in bytes, 0 for a file that does not exist.</summary>
internal readonly record struct StateFileSizes(long Seen, long SeenCompanion, long History, long Outbox)
{
    public static StateFileSizes Read(StatePaths paths) => new(
        SizeOf(paths.Seen), SizeOf(paths.SeenCompanion), SizeOf(paths.History), SizeOf(paths.Outbox));

    private static long SizeOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}

/// <summary>Where the monitor keeps its state during the soak.</summary>
internal sealed record StatePaths(string Directory)
{
    public string Seen => Path.Combine(Directory, "seen_watches.json");

    public string SeenCompanion => WatchMonitor.State.SeenStore.CompanionPathFor(Seen);

    public string History => Path.Combine(Directory, "session_history.json");

    public string Outbox => Path.Combine(Directory, "outbox.json");
}
