namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>A fact about Unix file modes; skipped on Windows, where files inherit the directory's ACL.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only.";
        }
    }
}
