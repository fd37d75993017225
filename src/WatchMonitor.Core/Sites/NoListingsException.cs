namespace WatchMonitor.Sites;

/// <summary>
/// The listing page loaded but held no listings (a bot check served with 200, a changed layout): the scan counts
/// as failed and still feeds the layout-change detector.
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
