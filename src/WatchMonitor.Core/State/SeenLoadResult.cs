namespace WatchMonitor.State;

/// <summary>What <see cref="SeenStore.LoadAsync"/> found.</summary>
/// <param name="SitesWithState">
/// Sites with a key in the seen file, even with an empty array. A site not listed has no state: the monitor records
/// its current listings silently (baseline) instead of announcing them all.
/// </param>
/// <param name="WasCorrupt">The seen file was unreadable and was quarantined; every site then has no state.</param>
/// <param name="QuarantinedPath">Where the unreadable seen file was moved, when <paramref name="WasCorrupt"/>.</param>
/// <param name="CompanionWasCorrupt">
/// The companion (recency) file was unreadable and was quarantined; membership is intact, all ids count as oldest.
/// </param>
/// <param name="TrimmedIds">Ids dropped because a site held more than the cap.</param>
public sealed record SeenLoadResult(
    IReadOnlySet<string> SitesWithState,
    bool WasCorrupt,
    string? QuarantinedPath,
    bool CompanionWasCorrupt,
    int TrimmedIds);
