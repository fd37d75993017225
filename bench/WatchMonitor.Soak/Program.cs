using WatchMonitor.Soak;

return await SoakCommandLine.InvokeAsync(args).ConfigureAwait(false);
