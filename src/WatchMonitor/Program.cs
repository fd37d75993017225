using WatchMonitor.Cli;

// A Windows service starts in C:\Windows\System32; its .env and state files belong next to the program.
if (Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService())
{
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
}

return await WatchmonCommandLine.InvokeAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
