using Microsoft.Extensions.Logging;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.State;

namespace WatchMonitor.Notifications.Digests;

/// <summary>
/// Sends each digest route's collected matches once its time has come, checked after every cycle: a digest due while
/// the monitor was stopped goes out at the first check after the start that passes the next scheduled time.
/// </summary>
public sealed partial class DigestScheduler(
    RouteTable routes,
    DigestEntries entries,
    IDeliveryWaker waker,
    TimeProvider timeProvider,
    ILogger<DigestScheduler> logger)
{
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

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
                var bucket = route.Name + "|" + destination.Key;
                if (!_due.TryGetValue(bucket, out var due))
                {
                    _due[bucket] = schedule.NextAfter(now, timeProvider.LocalTimeZone);
                    continue;
                }

                if (now < due)
                {
                    continue;
                }

                _due[bucket] = schedule.NextAfter(now, timeProvider.LocalTimeZone);
                var matches = entries.Send(route.Name, destination.Key, due, now);
                if (matches > 0)
                {
                    sent++;
                    Log.DigestQueued(logger, route.Name, destination.Masked, matches);
                    waker.Wake(destination.Key);
                }
            }
        }

        return sent;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Route {Route}: the digest of {Matches} matches is queued for {Destination}.")]
        public static partial void DigestQueued(ILogger logger, string route, string destination, int matches);
    }
}
