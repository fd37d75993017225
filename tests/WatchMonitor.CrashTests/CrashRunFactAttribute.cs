namespace WatchMonitor.CrashTests;

/// <summary>
/// The long crash run: skipped unless <c>WATCHMON_CRASH_KILLS</c> is set, so CI runs only the quick variant.
/// <c>WATCHMON_CRASH_KILLS=200 dotnet test tests/WatchMonitor.CrashTests</c> runs it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CrashRunFactAttribute : FactAttribute
{
    public const string KillsVariable = "WATCHMON_CRASH_KILLS";

    public CrashRunFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KillsVariable)))
        {
            Skip = $"Long-running: set {KillsVariable}=200 to run it.";
        }
    }
}
