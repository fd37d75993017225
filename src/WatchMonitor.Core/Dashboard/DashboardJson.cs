using System.Text.Json;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.State;

namespace WatchMonitor.Dashboard;

/// <summary>
/// The dashboard's JSON API for users' scripts: <c>/api/sites</c> and <c>/api/listings</c>, the same view as the
/// page, camelCase, times in ISO 8601 UTC. Written with <see cref="Utf8JsonWriter"/>: no reflection, safe for NativeAOT.
/// </summary>
public static class DashboardJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static void WriteSites(Utf8JsonWriter json, DashboardView view)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(view);
        var health = view.Health;
        json.WriteStartObject();
        json.WriteString("status", health.Status.ToString());
        json.WriteNumber("cycles", health.Cycles);
        json.WriteNumber("cyclesToday", view.CyclesToday);
        if (health.LastCycle is { } last)
        {
            json.WriteStartObject("lastCycle");
            json.WriteString("startedAt", last.StartedAt);
            json.WriteString("endedAt", last.EndedAt);
            json.WriteNumber("durationSeconds", Math.Round(last.DurationSeconds, 3));
            json.WriteNumber("newListings", last.NewListings);
            json.WriteNumber("errors", last.Errors);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("lastCycle");
        }

        json.WriteStartObject("memory");
        json.WriteNumber("rssMb", Math.Round(health.Memory.RssMb, 1));
        json.WriteNumber("gcHeapMb", Math.Round(health.Memory.GcHeapMb, 1));
        json.WriteNumber("warningThresholdMb", health.Memory.WarningThresholdMb);
        json.WriteNumber("criticalThresholdMb", health.Memory.CriticalThresholdMb);
        json.WriteEndObject();
        json.WriteStartArray("sites");
        foreach (var site in view.Sites)
        {
            WriteSite(json, site);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteListings(Utf8JsonWriter json, DashboardView view)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(view);
        json.WriteStartArray();
        foreach (var listing in view.Listings)
        {
            json.WriteStartObject();
            ListingRowJson.WriteFields(json, listing.Row);
            json.WriteStartArray("priceHistory");
            foreach (var point in listing.Prices)
            {
                json.WriteStartObject();
                json.WriteString("at", point.At);
                json.WriteNumber("price", point.Price);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSite(Utf8JsonWriter json, SiteView site)
    {
        var health = site.Health;
        json.WriteStartObject();
        json.WriteString("key", site.Key);
        json.WriteString("status", site.Status);
        ListingRowJson.WriteTimeOrNull(json, "lastSuccessAt", health.LastSuccessAt);
        json.WriteNumber("listingsLastScan", health.ListingsLastCycle);
        json.WriteNumber("consecutiveFailures", health.ConsecutiveFailures);
        json.WriteBoolean("suspectedLayoutChange", health.SuspectedLayoutChange);
        json.WriteString("lastError", health.LastError);
        if (site.Destination is { } destination)
        {
            json.WriteStartObject("destination");
            json.WriteString("state", destination.State.ToString());
            json.WriteNumber("pending", destination.Pending);
            json.WriteNumber("deadLetters", destination.DeadLetters);
            json.WriteNumber("sent", destination.Sent);
            json.WriteNumber("failedAttempts", destination.FailedAttempts);
            ListingRowJson.WriteTimeOrNull(json, "nextAttemptAt", destination.NextAttemptAt);
            ListingRowJson.WriteTimeOrNull(json, "lastDeliveredAt", destination.LastDeliveredAt);
            json.WriteString("lastError", destination.LastError);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("destination");
        }

        json.WriteEndObject();
    }
}
