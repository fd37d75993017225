namespace WatchMonitor.FakeSites.Discord;

/// <summary>A message the fake Discord accepted, as parsed from the webhook payload.</summary>
public sealed record ReceivedMessage(
    long Sequence,
    string MessageId,
    string SiteKey,
    DateTimeOffset ReceivedAt,
    string? Content,
    IReadOnlyList<ReceivedEmbed> Embeds)
{
    /// <summary>The <c>allowed_mentions.parse</c> list as sent; null when the message did not restrict mentions.</summary>
    public IReadOnlyList<string>? AllowedMentions { get; init; }

    /// <summary>The forum post the message opened; null in a plain channel.</summary>
    public string? ThreadName { get; init; }

    /// <summary>The thread (forum post) the message lives in; null in a plain channel.</summary>
    public string? ThreadId { get; init; }

    /// <summary>How often the message was edited through the webhook.</summary>
    public int Edits { get; init; }

    /// <summary>
    /// Whether Discord would have pinged anyone: an @everyone, @here or user/role mention in the content or an
    /// embed, without an <c>allowed_mentions</c> that forbids it.
    /// </summary>
    public bool WouldPing
    {
        get
        {
            if (AllowedMentions is { } allowed && !allowed.Contains("everyone") && !allowed.Contains("users") && !allowed.Contains("roles"))
            {
                return false;
            }

            var texts = Embeds.SelectMany(embed => new[] { embed.Title, embed.Description }.Concat(embed.Fields.Select(item => item.Value))).Append(Content);
            return texts.Any(text => text is not null && (text.Contains("@everyone", StringComparison.Ordinal) || text.Contains("@here", StringComparison.Ordinal) || text.Contains("<@", StringComparison.Ordinal)));
        }
    }
}

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
