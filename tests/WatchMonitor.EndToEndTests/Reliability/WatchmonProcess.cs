using System.Diagnostics;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>What one run of the real <c>watchmon</c> executable printed, and its exit code.</summary>
public sealed record WatchmonResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}

/// <summary>
/// Runs the built <c>watchmon</c> (copied next to the tests by the project reference) in a working directory, with
/// only the monitor settings it is given: every variable of the test machine's environment that the monitor reads is
/// removed first, so the outcome does not depend on who runs the test.
/// </summary>
public static class WatchmonProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static Task<WatchmonResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync(StartInfo(workingDirectory, environment, args), args);

    /// <summary>As <see cref="RunAsync(string, IReadOnlyDictionary{string, string?}, string[])"/>, as <c>nobody</c> when the tests run as root (<see cref="Unprivileged"/>).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static Task<WatchmonResult> RunUnprivilegedAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, environment, args);
        Unprivileged.Wrap(start);
        return RunAsync(start, args);
    }

    /// <summary>Starts a long-running command (<c>run</c>); the caller stops it.</summary>
    public static RunningWatchmon Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunningWatchmon.Start(StartInfo(workingDirectory, environment, args));

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static RunningWatchmon StartUnprivileged(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, environment, args);
        Unprivileged.Wrap(start);
        return RunningWatchmon.Start(start);
    }

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "watchmon.exe" : "watchmon"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(IsMonitorSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task<WatchmonResult> RunAsync(ProcessStartInfo start, string[] args)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("watchmon did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"watchmon {string.Join(' ', args)} did not finish within {Limit.TotalSeconds} s.");
        }

        return new WatchmonResult(process.ExitCode, await output, await error);
    }

    private static bool IsMonitorSetting(string key) =>
        key.EndsWith("_URL", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("_FILE", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Sites__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Health__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("MEMORY_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("MAX_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ENABLE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("EXCHANGE_RATE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("WATCHDOG_", StringComparison.Ordinal)
        || key is "NOTIFY_SOCKET" or "INVOCATION_ID"
        || key is "SKIP_SITES" or "CHECK_INTERVAL_SECONDS" or "DETAIL_PAGE_DELAY" or "REQUEST_TIMEOUT" or "RETRY_BACKOFF_FACTOR"
            or "USER_AGENT" or "HEALTH_ENABLED" or "FORCE_GC_EVERY_N_CYCLES" or "SESSION_HISTORY_RETENTION_DAYS";
}
