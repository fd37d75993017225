using System.Text.Json;
using WatchMonitor.Monitoring.Health;

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
            var row = listing.Row;
            json.WriteStartObject();
            json.WriteString("site", row.SiteKey);
            json.WriteString("id", row.CompositeId);
            json.WriteString("title", row.Title);
            json.WriteString("url", row.Url);
            json.WriteString("image", row.ImageUrl);
            Number(json, "price", row.Price);
            json.WriteString("currency", row.Currency);
            Time(json, "firstSeen", row.FirstSeen);
            Time(json, "lastSeen", row.LastSeen);
            Time(json, "removedAt", row.RemovedAt);
            json.WriteNumber("priceChanges", row.PriceChanges);
            json.WriteString("alert", row.Alert);
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
        Time(json, "lastSuccessAt", health.LastSuccessAt);
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
            Time(json, "nextAttemptAt", destination.NextAttemptAt);
            Time(json, "lastDeliveredAt", destination.LastDeliveredAt);
            json.WriteString("lastError", destination.LastError);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("destination");
        }

        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, time);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
