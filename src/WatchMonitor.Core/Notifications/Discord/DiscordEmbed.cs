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

/// <summary>The webhook payload: embeds, never a mention (a dealer's title may hold "@everyone"), and in a forum the post's name.</summary>
public sealed record DiscordMessage([property: JsonPropertyName("embeds")] IReadOnlyList<DiscordEmbed> Embeds)
{
    [JsonPropertyName("allowed_mentions")]
    public DiscordAllowedMentions AllowedMentions { get; init; } = DiscordAllowedMentions.None;

    /// <summary>Only for a webhook of a forum channel: each message opens a post of this name.</summary>
    [JsonPropertyName("thread_name")]
    public string? ThreadName { get; init; }
}

/// <summary>Which mentions Discord turns into pings; <see cref="None"/> for every message the monitor sends.</summary>
public sealed record DiscordAllowedMentions([property: JsonPropertyName("parse")] IReadOnlyList<string> Parse)
{
    public static DiscordAllowedMentions None { get; } = new([]);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(DiscordEmbed))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
