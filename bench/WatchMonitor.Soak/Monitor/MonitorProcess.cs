using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WatchMonitor.Soak.Monitor;

/// <summary>
/// The monitor, in a process of its own so that its memory and allocations are measured without the fake sites',
/// the ledger's or the reports' (<c>bench/WatchMonitor.Soak.Monitor</c> runs there): the NativeAOT binary, or its dll
/// on the JIT with its own runtimeconfig. Both carry watchmon's runtime settings (src/WatchMonitor/RuntimeSettings.props).
/// </summary>
internal sealed class MonitorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private MonitorProcess(Process process) => _process = process;

    public MonitorReady Ready { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public static async Task<MonitorProcess> StartAsync(MonitorBinary binary, string launchPath, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binary);
        var start = new ProcessStartInfo(binary.RuntimeConfig is null ? binary.Binary : DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        var arguments = binary.RuntimeConfig is null
            ? new[] { "--launch", launchPath }
            : ["exec", "--runtimeconfig", binary.RuntimeConfig, binary.Binary, "--launch", launchPath];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.StandardInput.NewLine = "\n";
        process.StandardInput.AutoFlush = true;
        var monitor = new MonitorProcess(process);
        monitor.Ready = await monitor.ReadAsync(MonitorProtocolJsonContext.Default.MonitorReady, cancellationToken).ConfigureAwait(false);
        return monitor;
    }

    public async Task<CycleResult> RunCycleAsync(long cycle, bool sample, bool forced, CancellationToken cancellationToken)
    {
        var command = new CycleCommand(cycle, sample, forced).ToString();
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(MonitorProtocolJsonContext.Default.CycleResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the monitor to flush its state and stop, as on SIGTERM, and waits for it to exit.</summary>
    public async Task<MonitorStopped> StopAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(CycleCommand.Quit.AsMemory(), cancellationToken).ConfigureAwait(false);
        var stopped = await ReadAsync(MonitorProtocolJsonContext.Default.MonitorStopped, cancellationToken).ConfigureAwait(false);
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return stopped;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task<T> ReadAsync<T>(JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            throw new MonitorProcessExitedException(
                $"The monitor process exited with code {_process.ExitCode}; its error output is above, its log in monitor.log.");
        }

        return JsonSerializer.Deserialize(line, typeInfo) ?? throw new InvalidOperationException($"Unreadable line from the monitor process: {line}");
    }

    // The dotnet host this program runs on: <root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime.
    public static string DotnetHost()
    {
        var fileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtimeDirectory is null ? null : Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = root is null ? null : Path.Combine(root, fileName);
        return candidate is not null && File.Exists(candidate) ? candidate : fileName;
    }
}

/// <summary>The monitor process ended before it answered.</summary>
internal sealed class MonitorProcessExitedException(string message) : Exception(message);
