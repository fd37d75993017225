using System.Runtime.InteropServices;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// Returns the free pages of the C heap to the OS with glibc's <c>malloc_trim(0)</c>. TLS, compression and SQLite
/// buffers are malloc'd; once freed glibc keeps them in its per-thread arenas, so resident memory stays at its
/// high-water mark although nothing uses it. Measured effect: docs/memory-profiling.md. Without glibc (musl,
/// Windows, macOS) the step frees nothing and says so.
/// </summary>
public sealed class NativeHeapTrimStep(IProcessMemoryReader reader) : ICleanupStep
{
    private const string Target = "resident memory";

    private static bool? _available;

    public string Name => "native heap";

    public Task RunAsync(CleanupLevel level, CancellationToken cancellationToken) => ReleaseAsync(level, cancellationToken);

    public Task<CleanupFreed?> ReleaseAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        var before = reader.ReadResidentBytes();
        var trimmed = TryTrim();
        var after = reader.ReadResidentBytes();
        return Task.FromResult<CleanupFreed?>(new CleanupFreed(trimmed ? Target : Target + " (malloc_trim is not available)", before, after));
    }

    /// <summary>False when the C library has no malloc_trim; looked up once.</summary>
    internal static bool TryTrim()
    {
        if (_available == false || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0);
            _available = true;
            return true;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            _available = false;
            return false;
        }
    }

    // libc.so.6 is glibc's soname; musl has neither the file nor the function, which ends in the catch above.
    // Every parameter is blittable, so no marshalling code is generated at run time (trim and AOT safe).
    [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
