namespace WatchMonitor.CrashTests.Shared;

/// <summary>Event-driven waits of the crash runs: look every few milliseconds, up to a deadline, never a fixed sleep.</summary>
internal static class Polling
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/>; <paramref name="check"/> runs before each look and may throw to stop the wait.</summary>
    /// <returns>False when <paramref name="timeout"/> passed first.</returns>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, Action check, TimeSpan interval, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, check, interval, cancellationToken);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, Action, TimeSpan, CancellationToken)"/>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Action check, TimeSpan interval, CancellationToken cancellationToken)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            check();
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                return false;
            }

            await DelayAsync(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, TimeProvider.System, cancellationToken);
}
