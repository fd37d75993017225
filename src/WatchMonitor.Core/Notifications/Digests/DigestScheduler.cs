using Microsoft.Extensions.Logging;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.State;

namespace WatchMonitor.Notifications.Digests;

/// <summary>
/// Sends each digest route's collected matches once its time has come, checked after every cycle. The due time is
/// kept in the state database: a digest whose period ended while the monitor was stopped goes out after the first
/// cycle, as one message however many periods were missed.
/// </summary>
public sealed partial class DigestScheduler(
    RouteTable routes,
    DigestEntries entries,
    IDeliveryWaker waker,
    TimeProvider timeProvider,
    ILogger<DigestScheduler> logger)
{
    /// <returns>How many digests were queued.</returns>
    public int SendDue()
    {
        var now = timeProvider.GetUtcNow();
        var sent = 0;
        foreach (var route in routes.Routes)
        {
            if (route.Digest is not { } schedule)
            {
                continue;
            }

            foreach (var destination in route.To)
            {
                var result = entries.SendIfDue(route.Name, destination.Key, schedule, timeProvider.LocalTimeZone, now);
                switch (result.Outcome)
                {
                    case DigestOutcome.Queued:
                        sent++;
                        Log.DigestQueued(logger, route.Name, destination.Masked, result.Matches);
                        waker.Wake(destination.Key);
                        break;
                    case DigestOutcome.Deferred:
                        Log.DigestDeferred(logger, route.Name, destination.Masked, result.Matches);
                        waker.Wake(destination.Key);
                        break;
                }
            }
        }

        return sent;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Route {Route}: the digest of {Matches} matches is queued for {Destination}.")]
        public static partial void DigestQueued(ILogger logger, string route, string destination, int matches);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route}: the queue of {Destination} is full, so its digest of {Matches} matches waits for the next period (the oldest beyond the digest's cap are counted as 'more'). Check why the destination does not accept messages: watchmon health shows its last error.")]
        public static partial void DigestDeferred(ILogger logger, string route, string destination, int matches);
    }
}
