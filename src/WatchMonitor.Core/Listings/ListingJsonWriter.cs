using System.Text.Encodings.Web;
using System.Text.Json;

namespace WatchMonitor.Listings;

/// <summary>Writes listings as the camelCase JSON objects of the <c>watchmon parse</c> contract.</summary>
public static class ListingJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteArray(Stream output, IEnumerable<Listing> listings)
    {
        ArgumentNullException.ThrowIfNull(listings);
        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartArray();
        foreach (var listing in listings)
        {
            Write(writer, listing);
        }

        writer.WriteEndArray();
    }

    public static void WriteObject(Stream output, Listing listing)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        Write(writer, listing);
    }

    public static void Write(Utf8JsonWriter writer, Listing listing)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(listing);
        writer.WriteStartObject();
        writer.WriteString("title", listing.Title);
        writer.WriteString("brand", listing.Brand);
        writer.WriteString("model", listing.Model);
        writer.WriteString("reference", listing.Reference);
        writer.WriteString("year", listing.Year);
        if (listing.Price is { } price)
        {
            writer.WriteNumber("price", price);
        }
        else
        {
            writer.WriteNull("price");
        }

        writer.WriteString("currency", listing.Currency);
        writer.WriteString("priceDisplay", listing.PriceDisplay);
        writer.WriteString("url", listing.Url);
        writer.WriteString("imageUrl", listing.ImageUrl);
        writer.WriteString("condition", listing.Condition);
        WriteBool(writer, "hasPapers", listing.HasPapers);
        WriteBool(writer, "hasBox", listing.HasBox);
        writer.WriteString("caseMaterial", listing.CaseMaterial);
        writer.WriteString("diameter", listing.Diameter);
        writer.WriteString("compositeId", listing.CompositeId);
        writer.WriteString("legacyCompositeId", listing.LegacyCompositeId);
        writer.WriteEndObject();
    }

    private static void WriteBool(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

}
