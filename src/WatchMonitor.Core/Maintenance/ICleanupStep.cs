namespace WatchMonitor.Maintenance;

/// <summary>
/// One thing that can give memory back: trimming a store, dropping a cache. Register each with
/// <c>services.AddSingleton&lt;ICleanupStep, MyStep&gt;()</c>; every step runs in isolation, so one that throws is
/// logged and runs again next time without stopping the others.
/// </summary>
public interface ICleanupStep
{
    /// <summary>Short name for logs, e.g. "session history".</summary>
    string Name { get; }

    /// <summary>Releases what <paramref name="level"/> asks for. Must be safe to run while no cycle is scanning.</summary>
    Task RunAsync(CleanupLevel level, CancellationToken cancellationToken);
}
