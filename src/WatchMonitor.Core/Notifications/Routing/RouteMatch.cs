namespace WatchMonitor.Notifications.Routing;

/// <summary>A destination that receives a listing event, and the route that sent it there.</summary>
public sealed record RouteMatch(RouteDefinition Route, DestinationAddress Destination);
