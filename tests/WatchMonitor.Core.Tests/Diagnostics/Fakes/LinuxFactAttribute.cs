namespace WatchMonitor.Core.Tests.Diagnostics.Fakes;

/// <summary>A fact that needs /proc; skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/status"))
        {
            Skip = "Needs Linux /proc.";
        }
    }
}
