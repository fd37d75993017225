namespace WatchMonitor.Monitoring.Leases;

/// <summary>Every configured site's lease as the last lease round read it.</summary>
/// <param name="ReadAt">When the round ran.</param>
/// <param name="JoinedAt">When this instance ran its first round: sites never held count as free since then.</param>
public sealed record LeaseView(DateTimeOffset ReadAt, DateTimeOffset JoinedAt, IReadOnlyList<SiteLeaseState> Sites);

/// <param name="Holder">The live instance holding the site; null when it is free (never held, released, expired, or its holder stopped heart-beating).</param>
/// <param name="FreeSince">When a free site became free; null while held.</param>
public sealed record SiteLeaseState(string Site, string? Holder, DateTimeOffset? AcquiredAt, DateTimeOffset? ExpiresAt, DateTimeOffset? FreeSince);
