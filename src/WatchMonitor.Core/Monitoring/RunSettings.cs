namespace WatchMonitor.Monitoring;

/// <summary>Command-line choices for this run.</summary>
public sealed record RunSettings(bool NotifyExisting = false, bool SkipImport = false);
