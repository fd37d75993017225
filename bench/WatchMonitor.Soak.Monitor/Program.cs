using WatchMonitor.Soak.Monitor;

// WatchMonitor.Soak.Monitor --launch <monitor-launch.json>: started by the soak runner (bench/README.md), not by hand.
if (args is not ["--launch", var launchPath])
{
    await Console.Error.WriteLineAsync("usage: WatchMonitor.Soak.Monitor --launch <monitor-launch.json> (started by WatchMonitor.Soak)").ConfigureAwait(false);
    return 2;
}

return await MonitorDriver.RunAsync(launchPath, CancellationToken.None).ConfigureAwait(false);
