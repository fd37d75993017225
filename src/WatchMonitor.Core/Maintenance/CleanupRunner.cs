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
        var succeeded = new List<CleanupStepOutcome>(_steps.Length);
        var failed = new List<CleanupFailure>();
        foreach (var step in _steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = timeProvider.GetTimestamp();
            try
            {
                var freed = await step.ReleaseAsync(level, cancellationToken).ConfigureAwait(false);
                var elapsed = timeProvider.GetElapsedTime(started);
                succeeded.Add(new CleanupStepOutcome(step.Name, freed, elapsed));
                if (freed is null)
                {
                    Log.StepDone(logger, step.Name, level, elapsed.TotalMilliseconds);
                }
                else
                {
                    Log.StepFreed(logger, step.Name, level, freed.Target, freed.BeforeMb, freed.AfterMb, freed.FreedMb, elapsed.TotalMilliseconds);
                }
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
        [LoggerMessage(Level = LogLevel.Debug, Message = "Cleanup step '{Step}' ({Level}) done in {Milliseconds:F0} ms; it does not measure what it frees")]
        public static partial void StepDone(ILogger logger, string step, CleanupLevel level, double milliseconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup step '{Step}' ({Level}): {Target} {BeforeMb:F1} -> {AfterMb:F1} MB, freed {FreedMb:F1} MB in {Milliseconds:F0} ms")]
        public static partial void StepFreed(ILogger logger, string step, CleanupLevel level, string target, double beforeMb, double afterMb, double freedMb, double milliseconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "Cleanup step '{Step}' ({Level}) failed; the other steps still ran and this one runs again at the next cleanup. If it fails every time, check the file or store it trims.")]
        public static partial void StepFailed(ILogger logger, Exception exception, string step, CleanupLevel level);
    }
}
