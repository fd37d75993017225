namespace WatchMonitor.State;

/// <summary>A scan's commit found that another instance holds the site now; the commit was rolled back.</summary>
public sealed class SiteLeaseLostException : Exception
{
    public SiteLeaseLostException()
    {
    }

    public SiteLeaseLostException(string siteKey)
        : base($"{siteKey}: another instance holds this site's lease now; the scan was not recorded")
    {
        SiteKey = siteKey;
    }

    public SiteLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? SiteKey { get; }
}
