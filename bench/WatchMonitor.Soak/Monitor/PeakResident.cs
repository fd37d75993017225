namespace WatchMonitor.Soak.Monitor;

/// <summary>
/// Resets a process's resident high-water mark (VmHWM), so the peak read after warm-up is the steady state's
/// highest point between samples too, not the start-up import's.
/// </summary>
internal static class PeakResident
{
    /// <returns>False where the kernel offers no reset (not Linux, or not allowed).</returns>
    public static bool Reset(int? processId)
    {
        if (processId is not { } pid || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // "5" resets the peak resident set size (proc(5), clear_refs).
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
