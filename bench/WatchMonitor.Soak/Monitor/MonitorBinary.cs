using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WatchMonitor.Soak.Monitor;

/// <summary>Which build of the monitor process a soak run measures.</summary>
internal enum MonitorRuntime
{
    /// <summary>NativeAOT, as docs/deployment.md recommends: published for this machine's RID, then started as is.</summary>
    Aot,

    /// <summary>The JIT: the monitor's dll started with <c>dotnet exec</c> and its own runtimeconfig.</summary>
    Jit,
}

/// <summary>How the monitor process is started, and how its binary came to be.</summary>
/// <param name="Runtime">"NativeAOT" or "JIT".</param>
/// <param name="Binary">The native executable, or the dll <c>dotnet exec</c> runs.</param>
/// <param name="RuntimeConfig">The JIT build's runtimeconfig (watchmon's settings, from RuntimeSettings.props); null for NativeAOT.</param>
/// <param name="PublishSeconds">Wall time of the NativeAOT publish this run did; null when it did none.</param>
internal sealed record MonitorBinary(string Runtime, string Binary, string? RuntimeConfig, double? PublishSeconds)
{
    public const string NativeAot = "NativeAOT";
    public const string Jit = "JIT";
    private const string AssemblyName = "WatchMonitor.Soak.Monitor";

    public static string NameOf(MonitorRuntime runtime) => runtime == MonitorRuntime.Aot ? NativeAot : Jit;

    /// <summary>The JIT build beside this program (the soak references the monitor's project), or the dll at <paramref name="path"/>.</summary>
    public static MonitorBinary ForJit(string? path)
    {
        var dll = Path.GetFullPath(path ?? Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll"));
        var runtimeConfig = Path.ChangeExtension(dll, ".runtimeconfig.json");
        foreach (var file in new[] { dll, runtimeConfig })
        {
            if (!File.Exists(file))
            {
                throw new MonitorBuildException($"{file} does not exist: build bench/WatchMonitor.Soak (it builds the monitor's dll), or pass the dll with --monitor-path.");
            }
        }

        return new MonitorBinary(Jit, dll, runtimeConfig, null);
    }

    /// <summary>
    /// The NativeAOT binary at <paramref name="path"/>, or else published now into <c>artifacts/soak-monitor/&lt;rid&gt;</c>.
    /// It is published every run: when nothing changed, the incremental build and the compiler's own up-to-date check
    /// make that a matter of seconds, and a stale binary can never be measured. The publish builds under an artifacts
    /// path of its own: sharing obj/ with the soak's own build (no RID) rewrote project.assets.json each time, so
    /// every publish recompiled everything natively (8 minutes instead of 20 seconds here).
    /// </summary>
    public static async Task<MonitorBinary> ForAotAsync(string? path, TextWriter output, CancellationToken cancellationToken)
    {
        if (path is not null)
        {
            var binary = Path.GetFullPath(path);
            return File.Exists(binary) ? new MonitorBinary(NativeAot, binary, null, null) : throw new MonitorBuildException($"--monitor-path {binary} does not exist.");
        }

        var root = RepositoryRoot();
        var rid = RuntimeInformation.RuntimeIdentifier;
        var directory = Path.Combine(root, "artifacts", "soak-monitor", rid);
        var buildDirectory = Path.Combine(root, "artifacts", "soak-monitor-build");
        var project = Path.Combine(root, "bench", AssemblyName, AssemblyName + ".csproj");
        output.WriteLine($"publishing the monitor with NativeAOT for {rid} into {directory} ...");
        var started = Stopwatch.GetTimestamp();
        var (exitCode, log) = await RunAsync(
            MonitorProcess.DotnetHost(),
            ["publish", project, "-c", "Release", "-r", rid, "-p:PublishAot=true", "-o", directory, "--artifacts-path", buildDirectory, "-nologo"],
            root,
            cancellationToken).ConfigureAwait(false);
        var seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1);
        if (exitCode != 0)
        {
            output.WriteLine(log);
            throw new MonitorBuildException($"dotnet publish of {AssemblyName} with NativeAOT failed with exit code {exitCode} after {seconds} s; its output is above.");
        }

        var published = Path.Combine(directory, OperatingSystem.IsWindows() ? AssemblyName + ".exe" : AssemblyName);
        output.WriteLine($"published in {seconds} s");
        return new MonitorBinary(NativeAot, published, null, seconds);
    }

    // Where this program was built from, recorded at build time (WatchMonitor.Soak.csproj).
    private static string RepositoryRoot() =>
        typeof(MonitorBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepositoryRoot")?.Value
        ?? throw new MonitorBuildException("The soak was built without its RepositoryRoot; pass a published monitor with --monitor-path.");

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new MonitorBuildException($"Could not start {fileName}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await standardOutput.ConfigureAwait(false) + await standardError.ConfigureAwait(false));
    }
}

/// <summary>The monitor's binary could not be found or built; the run ends before its first cycle.</summary>
internal sealed class MonitorBuildException(string message) : Exception(message);
