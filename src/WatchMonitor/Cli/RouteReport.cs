using System.Globalization;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary>
/// The configured routes for <c>watchmon sites</c> and <c>stats</c>: name, sites, kinds, filters and each destination
/// by key and masked address (never the URL), with what the state database counts for it.
/// </summary>
internal static class RouteReport
{
    public static void Write(TextWriter output, RouteTable routes, IReadOnlyDictionary<string, DestinationTotals>? totals)
    {
        output.WriteLine();
        if (routes.Routes.Count == 0)
        {
            output.WriteLine("routes: none (set a site's webhook or Notifications:Routes:<name>:To; see docs/notifications.md)");
            return;
        }

        output.WriteLine("routes:");
        foreach (var route in routes.Routes)
        {
            var sites = route.Sites.Count == 0 ? "all" : string.Join(',', route.Sites.Order(StringComparer.Ordinal));
            var kinds = string.Join(',', route.Kinds.Order().Select(ListingEventKinds.Name));
            output.WriteLine($"  {route.Name,-22} sites {sites}; kinds {kinds}; filters {Filters(route)}");
            foreach (var destination in route.To)
            {
                output.WriteLine($"    -> {destination.Key,-22} {destination.Masked,-40} {Counts(totals, destination.Key)}");
            }
        }
    }

    private static string Filters(RouteDefinition route)
    {
        var parts = new List<string>();
        AddList(parts, "brands", route.Brands);
        AddList(parts, "keywords", route.Keywords);
        AddList(parts, "exclude", route.Exclude);
        if (route.MinPriceEur is not null || route.MaxPriceEur is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"price {route.MinPriceEur?.ToString(CultureInfo.InvariantCulture) ?? "0"}-{route.MaxPriceEur?.ToString(CultureInfo.InvariantCulture) ?? "any"} EUR"));
        }

        if (route.Digest is { } digest)
        {
            parts.Add($"digest {digest}");
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static void AddList(List<string> parts, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            parts.Add($"{name} {string.Join('|', values)}");
        }
    }

    private static string Counts(IReadOnlyDictionary<string, DestinationTotals>? totals, string key)
    {
        if (totals is null)
        {
            return "counts: no state database";
        }

        var found = totals.GetValueOrDefault(key, DestinationTotals.None);
        return string.Create(CultureInfo.InvariantCulture, $"delivered {found.Delivered}, queued {found.Queued}, dead letters {found.DeadLetters}");
    }
}
