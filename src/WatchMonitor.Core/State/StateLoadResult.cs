namespace WatchMonitor.State;

/// <summary>What loading the session history or the outbox found.</summary>
/// <param name="Entries">Entries held after loading (and trimming).</param>
/// <param name="WasCorrupt">The file was unreadable, was quarantined, and the store started empty.</param>
/// <param name="QuarantinedPath">Where the unreadable file was moved, when <paramref name="WasCorrupt"/>.</param>
public sealed record StateLoadResult(int Entries, bool WasCorrupt, string? QuarantinedPath);
