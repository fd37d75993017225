using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.Selectors;

namespace WatchMonitor.Configuration;

/// <summary>A site as configured for this run: built in, or defined in configuration on a platform.</summary>
public sealed record MonitoredSite(SiteDefinition Definition, SiteEndpoints Endpoints, string? WebhookUrl, bool Enabled, SelectorSet? Selectors = null)
{
    public string Key => Definition.Key;

    /// <summary>True for a site defined in configuration rather than built in.</summary>
    public bool IsConfigured => Definition.Platform is not null;

    public override string ToString() => Key;
}
