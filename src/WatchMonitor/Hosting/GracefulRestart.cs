using System.Diagnostics;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Hosting;

/// <summary>
/// What happens after the monitor stopped itself for memory: under a service manager or in a container, exit with
/// <see cref="RestartSignal.ExitCode"/> and let it restart us; started by hand, start a fresh copy with the same
/// arguments and working directory, then exit. State was flushed before, so no alert is lost or repeated.
/// </summary>
internal static class GracefulRestart
{
    public static int Perform(TextWriter error)
    {
        if (IsUnderServiceManager() || Environment.ProcessPath is not { } program)
        {
            return RestartSignal.ExitCode;
        }

        var start = new ProcessStartInfo(program) { UseShellExecute = false, WorkingDirectory = Directory.GetCurrentDirectory() };
        var args = Environment.GetCommandLineArgs().Skip(1);
        if (Path.GetFileNameWithoutExtension(program) is "dotnet")
        {
            // Running as "dotnet watchmon.dll": keep the assembly path as the first argument.
            args = Environment.GetCommandLineArgs().Take(1).Concat(args);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var fresh = Process.Start(start);
        error.WriteLine($"watchmon restarted itself for memory reasons as process {fresh?.Id}.");
        return 0;
    }

    // systemd sets INVOCATION_ID for every unit it starts; a Windows service has no console parent to keep; the .NET
    // container images set DOTNET_RUNNING_IN_CONTAINER, and a copy started by the container's main process would
    // die with it (the container's restart policy restarts on exit code 75 instead).
    private static bool IsUnderServiceManager() =>
        Environment.GetEnvironmentVariable("INVOCATION_ID") is not null
        || string.Equals(Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER"), "true", StringComparison.OrdinalIgnoreCase)
        || Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService();
}
