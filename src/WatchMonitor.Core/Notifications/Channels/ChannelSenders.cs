using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Channels;

/// <summary>The sender of each destination kind.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders)
{
    private readonly Dictionary<DestinationKind, IChannelSender> _byKind = senders.ToDictionary(sender => sender.Kind);

    /// <exception cref="KeyNotFoundException">No sender for that kind (a registration is missing).</exception>
    public IChannelSender For(DestinationKind kind) =>
        _byKind.TryGetValue(kind, out var sender) ? sender : throw new KeyNotFoundException($"No sender registered for {kind} destinations.");
}
