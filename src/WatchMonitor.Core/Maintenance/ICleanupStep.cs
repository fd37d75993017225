namespace WatchMonitor.Maintenance;

/// <summary>
/// One thing that can give memory back: trimming a store, dropping a cache, returning free pages to the OS.
/// Register each with <c>services.AddSingleton&lt;ICleanupStep, MyStep&gt;()</c>; every step runs in isolation, so
/// one that throws is logged and runs again next time without stopping the others.
/// </summary>
/// <remarks>
/// A step implements <see cref="ReleaseAsync"/> and reports what it freed, measured on what it targets; its
/// <see cref="RunAsync"/> just calls it. Steps that implement only <see cref="RunAsync"/> still run, reported as
/// "not measured".
/// </remarks>
public interface ICleanupStep
{
    /// <summary>Short name for logs, e.g. "session history".</summary>
    string Name { get; }

    /// <summary>Releases what <paramref name="level"/> asks for. Must be safe to run while no cycle is scanning.</summary>
    Task RunAsync(CleanupLevel level, CancellationToken cancellationToken);

    /// <summary>Releases what <paramref name="level"/> asks for and returns its target's size before and after; null when not measured.</summary>
    async Task<CleanupFreed?> ReleaseAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        await RunAsync(level, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
