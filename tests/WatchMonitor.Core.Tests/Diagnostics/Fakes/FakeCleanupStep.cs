using WatchMonitor.Maintenance;

namespace WatchMonitor.Core.Tests.Diagnostics.Fakes;

/// <summary>Records each run; can fail a set number of times and run an action (e.g. lower fake memory).</summary>
public sealed class FakeCleanupStep(string name, Action<CleanupLevel>? onRun = null) : ICleanupStep
{
    private readonly List<CleanupLevel> _runs = [];

    public string Name => name;

    public int FailuresLeft { get; set; }

    public IReadOnlyList<CleanupLevel> Runs => _runs;

    public int Successes { get; private set; }

    /// <summary>What each run reports freeing of "fake memory"; null reports nothing measured.</summary>
    public long? FreesBytes { get; init; }

    public Task RunAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        _runs.Add(level);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new IOException($"{name} could not write its file");
        }

        onRun?.Invoke(level);
        Successes++;
        return Task.CompletedTask;
    }

    public async Task<CleanupFreed?> ReleaseAsync(CleanupLevel level, CancellationToken cancellationToken)
    {
        await RunAsync(level, cancellationToken);
        return FreesBytes is { } bytes ? new CleanupFreed("fake memory", 100 * 1024 * 1024, (100 * 1024 * 1024) - bytes) : null;
    }
}
