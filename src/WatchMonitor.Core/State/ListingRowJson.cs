using System.Text.Json;

namespace WatchMonitor.State;

/// <summary>
/// One <see cref="ListingRow"/> as the JSON object that <c>watchmon listings --json</c> and the dashboard's
/// <c>/api/listings</c> share, so scripts can read either.
/// </summary>
public static class ListingRowJson
{
    /// <summary>Writes the row's fields into the object already open on <paramref name="json"/>.</summary>
    public static void WriteFields(Utf8JsonWriter json, ListingRow row)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(row);
        json.WriteString("site", row.SiteKey);
        json.WriteString("id", row.CompositeId);
        json.WriteString("title", row.Title);
        json.WriteString("url", row.Url);
        json.WriteString("image", row.ImageUrl);
        WriteNumberOrNull(json, "price", row.Price);
        json.WriteString("currency", row.Currency);
        WriteTimeOrNull(json, "firstSeen", row.FirstSeen);
        WriteTimeOrNull(json, "lastSeen", row.LastSeen);
        WriteTimeOrNull(json, "removedAt", row.RemovedAt);
        WriteNumberOrNull(json, "previousPrice", row.PreviousPrice);
        json.WriteNumber("priceChanges", row.PriceChanges);
        json.WriteString("alert", row.Alert);
    }

    public static void WriteNumberOrNull(Utf8JsonWriter json, string name, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteTimeOrNull(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        ArgumentNullException.ThrowIfNull(json);
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
