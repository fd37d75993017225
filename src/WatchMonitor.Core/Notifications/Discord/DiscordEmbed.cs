using System.Text.Json.Serialization;

namespace WatchMonitor.Notifications.Discord;

/// <summary>A Discord embed as the webhook API takes it; null members are omitted from the JSON.</summary>
public sealed record DiscordEmbed
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("color")]
    public int Color { get; init; }

    [JsonPropertyName("footer")]
    public DiscordEmbedFooter? Footer { get; init; }

    [JsonPropertyName("image")]
    public DiscordEmbedImage? Image { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<DiscordEmbedField> Fields { get; init; } = [];

    /// <summary>Characters Discord counts toward the 6000 limit of a message.</summary>
    /// <remarks>Null-safe throughout: a stored embed read back without its fields must not stop its destination's queue.</remarks>
    [JsonIgnore]
    public int CharacterCount =>
        (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text?.Length ?? 0)
        + (Fields ?? []).Sum(f => (f?.Name?.Length ?? 0) + (f?.Value?.Length ?? 0));
}

public sealed record DiscordEmbedFooter([property: JsonPropertyName("text")] string Text);

public sealed record DiscordEmbedImage([property: JsonPropertyName("url")] string Url);

public sealed record DiscordEmbedField(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("inline")] bool Inline);

/// <summary>The webhook payload: embeds only, as the Python monitor sent them.</summary>
public sealed record DiscordMessage([property: JsonPropertyName("embeds")] IReadOnlyList<DiscordEmbed> Embeds);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(DiscordEmbed))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
