using System.Globalization;
using Microsoft.Extensions.Logging;
using WatchMonitor.FakeSites;

// dotnet run --project tests/WatchMonitor.FakeSites -- [--port 5080] [--seed 42] [--listings 12]
var port = Option(args, "--port", 5080);
var options = new FakeSitesOptions
{
    Seed = Option(args, "--seed", 42),
    InitialListingsPerSite = Option(args, "--listings", 12),
    HandleProcessSignals = true,
    ConfigureLogging = logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information),
};

await using var server = await FakeSitesServer.StartAsync(port, options);
Console.WriteLine($"Fake sites on {server.BaseUrl}; scenario API under {server.BaseUrl}/_scenario. Monitor configuration:");
foreach (var (key, value) in server.MonitorConfiguration())
{
    Console.WriteLine($"  {key.Replace(":", "__", StringComparison.Ordinal)}={value}");
}

Console.WriteLine("Ctrl+C stops.");
await server.WaitForShutdownAsync(CancellationToken.None);

static int Option(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
        ? value
        : fallback;
}
