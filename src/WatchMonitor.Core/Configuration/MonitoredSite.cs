using WatchMonitor.Sites;

namespace WatchMonitor.Configuration;

/// <summary>A built-in site as configured for this run.</summary>
public sealed record MonitoredSite(SiteDefinition Definition, SiteEndpoints Endpoints, string? WebhookUrl, bool Enabled)
{
    public string Key => Definition.Key;

    public override string ToString() => Key;
}
