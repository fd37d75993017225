using System.Diagnostics;

namespace WatchMonitor.CrashTests;

/// <summary>
/// The real <c>watchmon run</c>, started with <c>dotnet watchmon.dll run</c> from this project's output directory (the
/// project reference copies the executable's dll, deps and runtimeconfig there). Its console output goes to the run log.
/// </summary>
internal sealed class WatchmonProcess : IDisposable
{
    private readonly Process _process;

    private WatchmonProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static string WatchmonDll => Path.Combine(AppContext.BaseDirectory, "watchmon.dll");

    public static WatchmonProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, RunLog log)
    {
        if (!File.Exists(WatchmonDll))
        {
            throw new InvalidOperationException($"{WatchmonDll} is missing: build the test project (it references src/WatchMonitor).");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(WatchmonDll);
        start.ArgumentList.Add("run");

        // Nothing the test runner's environment says about the monitor may leak in: only the fake sites are reachable.
        foreach (var key in start.Environment.Keys.ToArray())
        {
            if (IsMonitorSetting(key))
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var pid = 0;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                log.Write($"[watchmon {pid}] {line.Data}");
                log.NoteMonitorLine(line.Data);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                log.Write($"[watchmon {pid} stderr] {line.Data}");
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName} {WatchmonDll} run.");
        }

        pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WatchmonProcess(process);
    }

    /// <summary>SIGKILL on Unix (<see cref="Process.Kill()"/>): no handler runs, no state is flushed.</summary>
    /// <returns>False when the process had already exited on its own.</returns>
    public bool Kill()
    {
        try
        {
            if (_process.HasExited)
            {
                return false;
            }

            _process.Kill();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"watchmon (pid {_process.Id}) did not exit within {timeout} after SIGKILL.");
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static bool IsMonitorSetting(string key) =>
        key.Contains("WEBHOOK", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Sites__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Health", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("EXCHANGE_RATE", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("NOTIFY_SOCKET", StringComparison.Ordinal)
        || key is "SKIP_SITES" or "ENABLE_NOTIFICATIONS" or "SEEN_WATCHES_FILE" or "SESSION_HISTORY_FILE" or "OUTBOX_FILE";

    // The dotnet host this test runs on: <root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime.
    private static string DotnetHost()
    {
        var fileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtimeDirectory is null ? null : Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = root is null ? null : Path.Combine(root, fileName);
        return candidate is not null && File.Exists(candidate) ? candidate : fileName;
    }
}
