namespace WatchMonitor.Notifications.Delivery;

/// <summary>
/// Whether a destination takes new messages now. A stopped destination (Discord answered 401/403/404) refuses
/// new messages at once, so its listings stay unseen and are offered again, while other destinations go on.
/// </summary>
public interface IDestinationStatus
{
    bool IsAccepting(string destinationKey);
}
