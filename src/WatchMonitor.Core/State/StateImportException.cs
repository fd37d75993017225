namespace WatchMonitor.State;

/// <summary><c>watchmon import</c> refused or failed; nothing was written, and the message says why and what to do.</summary>
public sealed class StateImportException : IOException
{
    public StateImportException()
    {
    }

    public StateImportException(string message)
        : base(message)
    {
    }

    public StateImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
