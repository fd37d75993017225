namespace WatchMonitor.State;

/// <summary>
/// A table <c>watchmon import</c> copies: its surrogate id (kept, or replaced when the target already uses it), and
/// the columns that say two rows are the same thing, so a merge adds only what the target lacks.
/// </summary>
internal sealed record StateTable(string Name, string? IdColumn, params string[] KeyColumns);

internal static class StateTables
{
    /// <summary>Every table of the schema that holds state, in an order that keeps related rows together.</summary>
    public static IReadOnlyList<StateTable> Copied { get; } =
    [
        new("site", "seq", "key"),
        new("listing", "seq", "site", "id"),
        new("price_history", "seq", "site", "listing_id", "at"),
        new("session", "seq", "session_id", "started_at"),
        new("site_health", null, "site"),
        new("exchange_rate", null, "pair"),
        new("outbox", "id", "destination", "dedup_key"),
        new("dead_letter", "id", "destination", "composite_id", "kind", "dead_at"),
        new("delivery", null, "site", "listing_id", "destination", "kind"),
        new("alert_message", null, "site", "url", "destination"),
        new("digest_entry", "id", "route", "dedup_key"),
        new("digest_schedule", null, "bucket"),
    ];

    /// <summary>Tables of the running monitors (leases, instances), meaningless on another database.</summary>
    public static IReadOnlySet<string> RuntimeOnly { get; } = new HashSet<string>(["site_lease", "instance"], StringComparer.Ordinal);
}
