namespace WatchMonitor.Monitoring;

/// <summary>
/// Set when memory stayed above the critical threshold after every cleanup: the host stops after flushing state,
/// and the program exits with <see cref="ExitCode"/> (service managers restart on it) or starts a fresh copy of itself.
/// </summary>
public sealed class RestartSignal
{
    /// <summary>EX_TEMPFAIL: "try again". The shipped systemd unit restarts on it.</summary>
    public const int ExitCode = 75;

    private volatile bool _requested;

    public bool Requested => _requested;

    public void Request() => _requested = true;
}
