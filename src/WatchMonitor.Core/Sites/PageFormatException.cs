namespace WatchMonitor.Sites;

/// <summary>A page that cannot be read as the site's format at all (e.g. invalid JSON where JSON is expected).</summary>
public sealed class PageFormatException : Exception
{
    public PageFormatException()
    {
    }

    public PageFormatException(string message)
        : base(message)
    {
    }

    public PageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
