using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Hosting;

namespace WatchMonitor.Demo;

/// <summary>Says what the demo is and where to look, then starts the arrivals; stops them with the host.</summary>
internal sealed partial class DemoAnnouncer(
    DemoArrivals arrivals,
    DemoDealers dealers,
    string stateDirectory,
    IServiceProvider services,
    ILogger<DemoAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Running(logger, dealers.BaseUrl, DemoSetup.ArrivalPeriod.TotalSeconds, DemoSetup.CheckIntervalSeconds, stateDirectory);
        var dashboard = StartBanner.DashboardUrl(services) ?? "(the health endpoint is off)";
        Log.Dashboard(logger, dashboard);
        arrivals.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        arrivals.Dispose();
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Demo: six invented dealers at {DealersUrl}, a new watch every {ArrivalSeconds:F0} s, a cycle every {IntervalSeconds} s; alerts go to this log, nothing to Discord. State in {StateDirectory} (deleted when the demo ends). Ctrl+C stops.")]
        public static partial void Running(ILogger logger, string dealersUrl, double arrivalSeconds, int intervalSeconds, string stateDirectory);

        [LoggerMessage(Level = LogLevel.Information, Message = "Demo dashboard: {Dashboard}")]
        public static partial void Dashboard(ILogger logger, string dashboard);
    }
}
