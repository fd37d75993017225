using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Channels;

namespace WatchMonitor.Notifications.Delivery;

/// <summary>
/// Starts one <see cref="DeliveryLoop"/> per configured destination with the host and stops them with it. On stop
/// the loops stop sleeping at once; a post in flight may finish within <see cref="InFlightGrace"/>, then it is cut
/// short (its message stays queued).
/// </summary>
public sealed partial class DeliveryService(
    DestinationBoard board,
    IDeliveryOutbox outbox,
    ChannelSenders senders,
    SiteStatusBoard statusBoard,
    DeliveryCounters counters,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    /// <summary>How long a post in flight may take to finish once the host stops.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggerFactory.CreateLogger<DeliveryService>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task[] _loops = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loops =
        [
            .. board.Destinations.Select(destination =>
            {
                var loop = new DeliveryLoop(destination, board, outbox, senders.For(destination.Kind), statusBoard, counters, timeProvider, loggerFactory.CreateLogger<DeliveryLoop>());
                return Task.Run(() => loop.RunAsync(_stopping.Token, _abort.Token), CancellationToken.None);
            }),
        ];
        if (_loops.Length > 0)
        {
            Log.Started(_logger, _loops.Length);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var all = Task.WhenAll(_loops);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(InFlightGrace, timeProvider, grace.Token);
        if (await Task.WhenAny(all, deadline).ConfigureAwait(false) != all)
        {
            Log.CutShort(_logger);
            await _abort.CancelAsync().ConfigureAwait(false);
        }

        await grace.CancelAsync().ConfigureAwait(false);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A post cut short: its message stays queued and is delivered after the next start.
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery started for {Destinations} destination(s)")]
        public static partial void Started(ILogger logger, int destinations);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: a post still in flight was cut short; its message stays queued and is delivered after the next start.")]
        public static partial void CutShort(ILogger logger);
    }
}
