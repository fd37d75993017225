using System.Globalization;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// Moves an unreadable state file aside as <c>&lt;name&gt;.corrupt-&lt;yyyyMMddHHmmss&gt;</c> (local time), so the next
/// save cannot overwrite the evidence and an operator can repair it. The reference silently started empty (§7.2).
/// </summary>
public sealed partial class StateFileQuarantine(TimeProvider timeProvider, ILogger<StateFileQuarantine> logger)
{
    /// <param name="path">The unreadable file.</param>
    /// <param name="problem">What is wrong with it, e.g. the JSON parser's message.</param>
    /// <param name="consequence">What the monitor does without it, e.g. "Every site starts with a silent baseline."</param>
    /// <param name="cancellationToken">Checked before the move.</param>
    /// <returns>Where the file now is.</returns>
    public Task<string> QuarantineAsync(string path, string problem, string consequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();
        var fullPath = Path.GetFullPath(path);
        var stamp = timeProvider.GetLocalNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var target = $"{fullPath}.corrupt-{stamp}";
        for (var suffix = 2; File.Exists(target); suffix++)
        {
            target = $"{fullPath}.corrupt-{stamp}-{suffix}";
        }

        File.Move(fullPath, target);
        // A state file from elsewhere (the Python version, a restored backup) may be world-readable; its copy is not.
        OwnerOnlyFiles.Restrict(target);
        Log.Quarantined(logger, fullPath, problem, target, consequence);
        return Task.FromResult(target);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "State file {Path} is unreadable ({Problem}); moved it to {QuarantinePath} and started without it. {Consequence} To restore it, stop the monitor, repair the moved file and copy it back; otherwise delete it once it is no longer needed.")]
        public static partial void Quarantined(ILogger logger, string path, string problem, string quarantinePath, string consequence);
    }
}
