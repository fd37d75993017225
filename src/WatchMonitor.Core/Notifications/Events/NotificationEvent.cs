using System.Text.Json;
using System.Text.Json.Serialization;
using WatchMonitor.Listings;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Sites;

namespace WatchMonitor.Notifications.Events;

/// <summary>
/// What happened, independent of any channel: the queued payload of every message and the body a json:// destination
/// receives (docs/notifications.md#the-event-object). Each channel's sender formats it when it posts.
/// </summary>
public sealed record NotificationEvent
{
    /// <summary>The payload format of <see cref="NotificationEvent"/> in the outbox.</summary>
    public const string Format = "event";

    /// <summary>The payload format of messages queued by versions before channels: one Discord embed.</summary>
    public const string LegacyDiscordEmbedFormat = "discord-embed";

    [JsonPropertyName("version")]
    public int Version { get; init; } = 1;

    /// <summary>"new", "price_drop", "price_rise", "sold" or "layout".</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("site")]
    public required string Site { get; init; }

    [JsonPropertyName("siteName")]
    public required string SiteName { get; init; }

    /// <summary>The site's colour, 0xRRGGBB.</summary>
    [JsonPropertyName("color")]
    public int Color { get; init; }

    [JsonPropertyName("detectedAt")]
    public DateTimeOffset DetectedAt { get; init; }

    /// <summary>True for the sample of <c>watchmon notify-test</c>.</summary>
    [JsonPropertyName("test")]
    public bool Test { get; init; }

    [JsonPropertyName("listing")]
    public EventListing? Listing { get; init; }

    /// <summary>For price changes and sales: the price before, in the site's currency as shown.</summary>
    [JsonPropertyName("previousPrice")]
    public decimal? PreviousPrice { get; init; }

    [JsonPropertyName("previousPriceDisplay")]
    public string? PreviousPriceDisplay { get; init; }

    /// <summary>For layout alerts: a headline, a sentence and the page it is about.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("link")]
    public string? Link { get; init; }

    /// <summary>For a digest: the period's matches, oldest first, as many as fit every channel.</summary>
    [JsonPropertyName("entries")]
    public IReadOnlyList<DigestLine>? Entries { get; init; }

    /// <summary>For a digest: matches of the period left out of <see cref="Entries"/>.</summary>
    [JsonPropertyName("more")]
    public int? More { get; init; }

    [JsonIgnore]
    public bool IsPriceChange => Kind is EventKinds.PriceDrop or EventKinds.PriceRise or EventKinds.Sold;

    /// <summary>The headline every channel shows: the listing's title, or the layout alert's.</summary>
    [JsonIgnore]
    public string Headline => Listing?.Title ?? Title ?? SiteName;

    public static NotificationEvent ForListing(string kind, Listing listing, SiteDefinition site, string? previousPriceDisplay = null, decimal? previousPrice = null, string? previousId = null)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(site);
        return new NotificationEvent
        {
            Kind = kind,
            Site = site.Key,
            SiteName = site.DisplayName,
            Color = site.Color,
            DetectedAt = listing.DetectedAt,
            Listing = EventListing.From(listing, previousId),
            PreviousPrice = previousPrice,
            PreviousPriceDisplay = previousPriceDisplay,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, NotificationJsonContext.Default.NotificationEvent);

    /// <returns>Null when <paramref name="json"/> is not an event.</returns>
    public static NotificationEvent? TryRead(string json)
    {
        try
        {
            var read = JsonSerializer.Deserialize(json, NotificationJsonContext.Default.NotificationEvent);
            return read is { Kind.Length: > 0, Site.Length: > 0 } ? read : null;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>The listing an event is about, with its fields as the dealer's page gave them.</summary>
public sealed record EventListing
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>For a price change: the id the listing had before (docs/ids.md).</summary>
    [JsonPropertyName("previousId")]
    public string? PreviousId { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>"Rolex Submariner | 16610": brand, model and reference as alerts show them.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("pageTitle")]
    public string? PageTitle { get; init; }

    [JsonPropertyName("brand")]
    public string? Brand { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("reference")]
    public string? Reference { get; init; }

    [JsonPropertyName("price")]
    public decimal? Price { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>"€12.500"; null when the page shows no price (sold, on request).</summary>
    [JsonPropertyName("priceDisplay")]
    public string? PriceDisplay { get; init; }

    [JsonPropertyName("year")]
    public string? Year { get; init; }

    [JsonPropertyName("condition")]
    public string? Condition { get; init; }

    [JsonPropertyName("box")]
    public bool? Box { get; init; }

    [JsonPropertyName("papers")]
    public bool? Papers { get; init; }

    [JsonPropertyName("caseMaterial")]
    public string? CaseMaterial { get; init; }

    [JsonPropertyName("diameter")]
    public string? Diameter { get; init; }

    [JsonPropertyName("image")]
    public string? Image { get; init; }

    /// <summary>The "search similar" link.</summary>
    [JsonPropertyName("chrono24")]
    public string? Chrono24 { get; init; }

    public static EventListing From(Listing listing, string? previousId = null)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new EventListing
        {
            Id = listing.CompositeId,
            PreviousId = previousId,
            Url = listing.Url,
            Title = ListingEmbedBuilder.Title(listing),
            PageTitle = listing.Title,
            Brand = listing.Brand,
            Model = listing.Model,
            Reference = listing.Reference,
            Price = listing.Price,
            Currency = listing.Currency,
            PriceDisplay = listing.PriceDisplay,
            Year = listing.Year,
            Condition = listing.Condition,
            Box = listing.HasBox,
            Papers = listing.HasPapers,
            CaseMaterial = listing.CaseMaterial,
            Diameter = listing.Diameter,
            Image = string.IsNullOrEmpty(listing.ImageUrl) ? null : listing.ImageUrl,
            Chrono24 = Chrono24Link.For(listing.Brand, listing.Model, listing.Reference),
        };
    }
}

/// <summary>One match of a digest.</summary>
public sealed record DigestLine(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("price")] string? Price,
    [property: JsonPropertyName("dealer")] string Dealer,
    [property: JsonPropertyName("link")] string Link);

/// <summary>The values of <see cref="NotificationEvent.Kind"/>.</summary>
public static class EventKinds
{
    public const string New = "new";
    public const string PriceDrop = "price_drop";
    public const string PriceRise = "price_rise";
    public const string Sold = "sold";
    public const string Layout = "layout";
    public const string Digest = "digest";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NotificationEvent))]
[JsonSerializable(typeof(DigestLine))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext;
