using WatchMonitor.Cli;

return await WatchmonCommandLine.InvokeAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
