using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Sites.Platforms;

/// <summary>Site definitions of the shops whose saved pages are under Fixtures/Platforms.</summary>
internal static class PlatformSites
{
    public static SiteDefinition Define(string key, string name, string platform, string baseUrl, string listingPath, string currency = "EUR") =>
        new(key, name, 0x123456, currency, baseUrl + listingPath, baseUrl, key.ToUpperInvariant() + "_WEBHOOK_URL", null, platform);
}
