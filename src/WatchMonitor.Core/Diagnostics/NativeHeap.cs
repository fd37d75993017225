using System.Runtime.InteropServices;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// glibc's C heap, which TLS, compression and SQLite allocate from. By default glibc gives each thread that contends
/// for the heap an arena of its own (up to eight per core) and keeps freed pages in them, so a monitor with a thread
/// pool holds several partly used arenas for good. docs/memory-profiling.md has the measurements. Without glibc
/// (musl, Windows, macOS) both calls do nothing and say so.
/// </summary>
public static class NativeHeap
{
    // M_ARENA_MAX in glibc's malloc.h.
    private const int ArenaMaxOption = -8;

    /// <summary>Two arenas: one for the cycle and the delivery loops to share, one for the rare contention.</summary>
    public const int MaxArenas = 2;

    private static bool? _available;

    /// <summary>Caps the arenas glibc creates from now on; call before the host starts its threads.</summary>
    public static bool TryLimitArenas() => TryCall(() => MallOpt(ArenaMaxOption, MaxArenas) == 1);

    /// <summary>Returns the heap's free pages to the OS (<c>malloc_trim(0)</c>).</summary>
    public static bool TryTrim() => TryCall(() =>
    {
        _ = MallocTrim(0);
        return true;
    });

    private static bool TryCall(Func<bool> call)
    {
        if (_available == false || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var done = call();
            _available = true;
            return done;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            _available = false;
            return false;
        }
    }

    // libc.so.6 is glibc's soname; musl has neither the file nor the functions, which ends in the catch above.
    // Every parameter is blittable, so no marshalling code is generated at run time (trim and AOT safe).
    [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int option, int value);
}
