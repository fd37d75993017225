namespace WatchMonitor.Notifications.Discord;

public enum WebhookPostOutcome
{
    /// <summary>Discord saved the message (200 with <c>?wait=true</c>).</summary>
    Delivered,

    /// <summary>429: wait <see cref="WebhookPostResult.RetryAfter"/>, then send the same message again.</summary>
    RateLimited,

    /// <summary>5xx or a network error: retry with backoff.</summary>
    TransientFailure,

    /// <summary>400: the payload was refused; retrying it unchanged cannot help.</summary>
    Rejected,

    /// <summary>401/403/404: the webhook was deleted or its token is wrong; stop using it until reconfigured.</summary>
    WebhookGone,
}

/// <summary>What one post to a destination came to, with Discord's pacing hints and, once saved, the message's id.</summary>
public sealed record WebhookPostResult(
    WebhookPostOutcome Outcome,
    int? StatusCode = null,
    TimeSpan? RetryAfter = null,
    bool IsGlobalRateLimit = false,
    int? RemainingInWindow = null,
    TimeSpan? WindowResetAfter = null,
    string? Reason = null,
    string? MessageId = null)
{
    /// <summary>Discord: the channel the message went to, the post's own thread in a forum.</summary>
    public string? ChannelId { get; init; }
}
