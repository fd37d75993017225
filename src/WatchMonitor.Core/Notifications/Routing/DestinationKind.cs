namespace WatchMonitor.Notifications.Routing;

/// <summary>The channel a destination URL names (docs/notifications.md#destination-urls).</summary>
public enum DestinationKind
{
    Discord,
    Ntfy,
    Telegram,
    Slack,
    Json,
}
