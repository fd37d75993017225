namespace WatchMonitor.State;

/// <summary>What a pending Discord message announces.</summary>
public enum OutboxEntryKind
{
    NewListing,
    PriceChange,
    LayoutAlert,
}

/// <summary>One pending Discord message of the <see cref="Outbox"/>.</summary>
/// <param name="Id">Unique within the outbox; enqueuing an id that is already pending changes nothing.</param>
/// <param name="SiteKey">The site whose webhook receives the message.</param>
/// <param name="CompositeId">The listing's id; empty for a layout alert.</param>
/// <param name="Kind">What the message announces.</param>
/// <param name="EmbedJson">The Discord embed object, already built, as JSON text.</param>
/// <param name="EnqueuedAt">When the message was queued.</param>
/// <param name="Attempts">Failed delivery attempts so far.</param>
/// <param name="NextAttemptAt">Not delivered before this time.</param>
public sealed record OutboxEntry(
    string Id,
    string SiteKey,
    string CompositeId,
    OutboxEntryKind Kind,
    string EmbedJson,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt)
{
    /// <summary>A fresh entry, due at once, with the id <c>&lt;site&gt;:&lt;kind&gt;:&lt;composite id&gt;</c>.</summary>
    public static OutboxEntry Create(string siteKey, string compositeId, OutboxEntryKind kind, string embedJson, DateTimeOffset now) =>
        new($"{siteKey}:{kind}:{compositeId}", siteKey, compositeId, kind, embedJson, now, 0, now);
}
