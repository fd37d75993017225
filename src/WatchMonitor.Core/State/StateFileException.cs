namespace WatchMonitor.State;

/// <summary>
/// A state file exists but cannot be read (permissions, an I/O error). Unlike a corrupt file it is not quarantined
/// and the monitor does not start: starting empty would re-baseline every site and, once the directory is writable,
/// replace the file that still holds the state.
/// </summary>
public sealed class StateFileException : IOException
{
    public StateFileException()
    {
    }

    public StateFileException(string message)
        : base(message)
    {
    }

    public StateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exception for <paramref name="path"/>, naming it, the cause and the fix.</summary>
    public static StateFileException Unreadable(string path, Exception innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        return new StateFileException(Describe(path, innerException), innerException);
    }

    private static string Describe(string path, Exception exception)
    {
        var fullPath = Path.GetFullPath(path);
        var cause = exception is UnauthorizedAccessException
            ? "permission denied"
            : exception.Message;
        return $"Cannot read the state file {fullPath} ({cause}). The monitor does not start without it, so that it cannot lose or overwrite the state it holds. "
            + $"Give the user the monitor runs as read and write access to the file and its directory (e.g. chown that user {fullPath}; chmod 600 {fullPath}), then start again.";
    }
}
