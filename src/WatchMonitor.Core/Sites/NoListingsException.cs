namespace WatchMonitor.Sites;

/// <summary>
/// The listing page loaded but held no listings: a bot-check or error page served with 200, another site's page, a
/// page cut short before its first card, or a changed layout. The scan counts as failed (so health and the log say
/// so at once) and still feeds the layout-change detector, which flags the site after a few cycles of it.
/// </summary>
public sealed class NoListingsException : Exception
{
    public NoListingsException()
    {
    }

    public NoListingsException(string message)
        : base(message)
    {
    }

    public NoListingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
