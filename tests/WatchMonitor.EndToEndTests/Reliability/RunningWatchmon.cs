using System.Diagnostics;
using System.Text;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>A long-running <c>watchmon</c> (e.g. <c>run</c>) whose output is collected line by line; killed on dispose.</summary>
public sealed class RunningWatchmon : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningWatchmon(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    public static RunningWatchmon Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        var running = new RunningWatchmon(process);
        process.OutputDataReceived += (_, line) => running.Append(running._output, line.Data);
        process.ErrorDataReceived += (_, line) => running.Append(running._error, line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("watchmon did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits until standard output holds <paramref name="text"/>; fails when the process ends first.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_output.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                Assert.False(_process.HasExited, $"watchmon ended before printing '{text}':{Environment.NewLine}{_output}{_error}");
                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    /// <summary>SIGKILL: no handler runs; the kernel releases the process's locks.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        using var timeout = new CancellationTokenSource(Limit);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGTERM, as systemd stops a service; returns the exit code.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(Limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        lock (_gate)
        {
            if (line is not null)
            {
                target.AppendLine(line);
            }

            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
