using WatchMonitor.Maintenance;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// Returns the free pages of the C heap to the OS with glibc's <c>malloc_trim(0)</c>. TLS, compression and SQLite
/// buffers are malloc'd; once freed glibc keeps them in its arenas, so resident memory stays at its high-water mark
/// although nothing uses it (<see cref="NativeHeap"/>).
/// </summary>
public sealed class NativeHeapTrimStep(IProcessMemoryReader reader) : ICleanupStep
{
    private const string Target = "resident memory";

    public string Name => "native heap";

    public Task RunAsync(CleanupLevel level, CancellationToken cancellationToken) => ReleaseAsync(level, cancellationToken);

    public Task<CleanupFreed?> ReleaseAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        var before = reader.ReadResidentBytes();
        var trimmed = NativeHeap.TryTrim();
        var after = reader.ReadResidentBytes();
        return Task.FromResult<CleanupFreed?>(new CleanupFreed(trimmed ? Target : Target + " (malloc_trim is not available)", before, after));
    }
}
