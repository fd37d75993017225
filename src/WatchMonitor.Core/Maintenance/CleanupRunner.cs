using Microsoft.Extensions.Logging;

namespace WatchMonitor.Maintenance;

/// <summary>Runs every registered <see cref="ICleanupStep"/>, each in its own try/catch, in registration order.</summary>
public sealed partial class CleanupRunner(
    IEnumerable<ICleanupStep> steps,
    TimeProvider timeProvider,
    ILogger<CleanupRunner> logger)
{
    private readonly ICleanupStep[] _steps = [.. steps];

    public IReadOnlyList<ICleanupStep> Steps => _steps;

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; later steps do not run.</exception>
    public async Task<CleanupReport> RunAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        var succeeded = new List<string>(_steps.Length);
        var failed = new List<CleanupFailure>();
        foreach (var step in _steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = timeProvider.GetTimestamp();
            try
            {
                await step.RunAsync(level, cancellationToken).ConfigureAwait(false);
                var elapsed = timeProvider.GetElapsedTime(started);
                succeeded.Add(step.Name);
                Log.StepDone(logger, step.Name, level, elapsed.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                failed.Add(new CleanupFailure(step.Name, exception.Message));
                Log.StepFailed(logger, exception, step.Name, level);
            }
        }

        return new CleanupReport(level, succeeded, failed);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Cleanup step '{Step}' ({Level}) done in {Milliseconds:F0} ms")]
        public static partial void StepDone(ILogger logger, string step, CleanupLevel level, double milliseconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "Cleanup step '{Step}' ({Level}) failed; the other steps still ran and this one runs again at the next cleanup. If it fails every time, check the file or store it trims.")]
        public static partial void StepFailed(ILogger logger, Exception exception, string step, CleanupLevel level);
    }
}
