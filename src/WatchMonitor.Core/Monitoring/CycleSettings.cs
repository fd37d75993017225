namespace WatchMonitor.Monitoring;

/// <summary>How one cycle runs; memory degradation narrows it.</summary>
public sealed record CycleSettings(int MaxConcurrentSites, bool DetailScraping, bool NotifyExisting);
