namespace WatchMonitor.FakeSites.Discord;

/// <summary>A message the fake Discord accepted, as parsed from the webhook payload.</summary>
public sealed record ReceivedMessage(
    long Sequence,
    string MessageId,
    string SiteKey,
    DateTimeOffset ReceivedAt,
    string? Content,
    IReadOnlyList<ReceivedEmbed> Embeds);

public sealed record ReceivedEmbed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public long? Color { get; init; }

    public string? Timestamp { get; init; }

    public string? FooterText { get; init; }

    public string? ImageUrl { get; init; }

    public string? ThumbnailUrl { get; init; }

    public string? AuthorName { get; init; }

    public IReadOnlyList<ReceivedField> Fields { get; init; } = [];

    /// <summary>The value of the first field whose name is <paramref name="name"/>, e.g. "💰 Price:".</summary>
    public string? Field(string name) => Fields.FirstOrDefault(field => string.Equals(field.Name, name, StringComparison.Ordinal))?.Value;
}

public sealed record ReceivedField(string Name, string Value, bool Inline);

/// <summary>What one webhook saw; all counts since the last <see cref="FakeWebhook.Clear"/>.</summary>
public sealed record WebhookStats(
    long Posts,
    long Accepted,
    long Rejected,
    long RateLimited,
    long ServerErrors,
    long NotFound,
    long Unauthorized);
