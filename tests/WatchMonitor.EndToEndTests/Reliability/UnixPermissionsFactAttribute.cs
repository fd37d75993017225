namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// A test that needs file permissions enforced: skipped, with the reason shown, on Windows and when running as root
/// (root reads and writes whatever the mode bits say). The simulated variants next to each such test run everywhere.
/// </summary>
public sealed class UnixPermissionsFactAttribute : FactAttribute
{
    public UnixPermissionsFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only.";
        }
        else if (Environment.UserName == "root" || string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal))
        {
            Skip = "Running as root: chmod is not enforced for root, so this in-process permission test cannot fail the way it would for the service user. Its simulated variant and the real executable as nobody (UnwritableEnvironmentTests) run instead.";
        }
    }
}
