namespace WatchMonitor.Http;

/// <summary>
/// A request (or a redirect) to a host that is not configured was refused before anything was sent. Not transient:
/// the retry pipeline does not repeat it.
/// </summary>
public sealed class OutboundRequestRefusedException : HttpRequestException
{
    public OutboundRequestRefusedException()
    {
    }

    public OutboundRequestRefusedException(string message)
        : base(message)
    {
    }

    public OutboundRequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
