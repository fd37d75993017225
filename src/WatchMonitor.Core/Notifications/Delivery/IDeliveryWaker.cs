namespace WatchMonitor.Notifications.Delivery;

/// <summary>Wakes a destination's delivery loop once messages were committed to its queue.</summary>
public interface IDeliveryWaker
{
    void Wake(string destinationKey);
}
