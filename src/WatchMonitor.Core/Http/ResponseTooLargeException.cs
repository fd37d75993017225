namespace WatchMonitor.Http;

/// <summary>A response body exceeded MAX_RESPONSE_SIZE_MB; it was abandoned while streaming, never buffered whole.</summary>
public sealed class ResponseTooLargeException : HttpRequestException
{
    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
