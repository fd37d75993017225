using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// Opens the state database at start; the first time, when there is none, imports the JSON files into it. A failed
/// import removes the new database again, so the next start imports from the same untouched files.
/// </summary>
public sealed partial class StateInitializer(StateDatabase database, StateImporter importer, ILogger<StateInitializer> logger)
{
    /// <param name="skipImport">Start with an empty database even when JSON files are present (<c>--skip-import</c>).</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <exception cref="StateFileException">The database or a file to import is unusable; the monitor must not start.</exception>
    public async Task InitializeAsync(bool skipImport, CancellationToken cancellationToken)
    {
        if (!database.Open())
        {
            return;
        }

        if (skipImport)
        {
            Log.ImportSkipped(logger, database.Path);
            return;
        }

        try
        {
            await importer.ImportAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            database.Delete();
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Created an empty state database {Path} without importing any JSON state file (--skip-import): every site takes a silent baseline. To import them instead, stop the monitor, delete the database and start without --skip-import.")]
        public static partial void ImportSkipped(ILogger logger, string path);
    }
}
