namespace WatchMonitor.Notifications.Routing;

/// <summary>What happened to a listing; a route's <c>Kinds</c> say which of these it receives.</summary>
public enum ListingEventKind
{
    New,
    PriceDrop,
    PriceRise,
    Sold,
}
