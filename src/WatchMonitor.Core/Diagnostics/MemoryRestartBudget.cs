using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using WatchMonitor.State;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// At most <see cref="MaxRestarts"/> memory restarts in any hour, so a process that is above the critical threshold
/// from the start cannot restart in a loop. The times of the recent restarts live in <c>watchmon.restarts</c> beside
/// the state (the process that counts them is the one that ends; its successor reads them).
/// </summary>
public sealed partial class MemoryRestartBudget(
    string path,
    AtomicFileWriter writer,
    TimeProvider timeProvider,
    ILogger<MemoryRestartBudget> logger)
{
    public const string FileName = "watchmon.restarts";

    public const int MaxRestarts = 3;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private bool _refusalLogged;

    public string Path => path;

    /// <summary>Records a restart and returns true, or returns false (one error logged) when the hour's budget is spent.</summary>
    public async Task<bool> TryTakeAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var recent = Read().Where(at => at > now - Window && at <= now).Order().ToList();
        if (recent.Count >= MaxRestarts)
        {
            if (!_refusalLogged)
            {
                _refusalLogged = true;
                Log.Refused(logger, recent.Count, recent[0] + Window);
            }

            return false;
        }

        _refusalLogged = false;
        recent.Add(now);
        var text = string.Join('\n', recent.Select(at => at.ToString("O", CultureInfo.InvariantCulture))) + "\n";
        try
        {
            await writer.WriteAsync(path, (stream, token) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), token).AsTask(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The writer logged the path and the fix. Restarting anyway is safer than running above critical.
        }

        return true;
    }

    private List<DateTimeOffset> Read()
    {
        try
        {
            return [.. File.ReadLines(path)
                .Select(line => DateTimeOffset.TryParse(line, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null)
                .OfType<DateTimeOffset>()
                .Take(100)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Memory stays above MEMORY_CRITICAL_THRESHOLD_MB, but the monitor already restarted {Restarts} times in the last hour: it keeps running in degraded mode (health Unhealthy) instead of restarting in a loop; the next restart is allowed after {NextAllowed:u}. Raise MEMORY_CRITICAL_THRESHOLD_MB (and MemoryMax) to fit this machine, or set MEMORY_PROFILING=true and report the memory report (docs/memory-profiling.md).")]
        public static partial void Refused(ILogger logger, int restarts, DateTimeOffset nextAllowed);
    }
}
