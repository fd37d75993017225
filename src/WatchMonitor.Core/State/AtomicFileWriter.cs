using Microsoft.Extensions.Logging;

namespace WatchMonitor.State;

/// <summary>
/// Replaces a file so that a reader or a crash sees either the old content or the new, never a mix: the content
/// streams into <c>&lt;path&gt;.tmp</c> in the same directory, is flushed to disk, and is then renamed over the
/// target. The Python monitor truncated and rewrote in place, so a crash mid-write lost all state (docs/python-monitor.md, defect 2).
/// Writes to one path must not overlap; each store serialises its own saves.
/// </summary>
/// <param name="logger">Where a failed write is reported, with the path and what to check.</param>
/// <param name="openFile">
/// Opens the temporary file; a <see cref="FileStream"/> by default. Tests pass one that fails like a full disk.
/// </param>
public sealed partial class AtomicFileWriter(ILogger<AtomicFileWriter> logger, Func<string, FileStreamOptions, Stream>? openFile = null)
{
    private const int BufferSize = 16 * 1024;

    /// <param name="path">The file to replace or create; its directory is created when missing.</param>
    /// <param name="write">Writes the whole new content to the stream it is given; it must not dispose it.</param>
    /// <param name="cancellationToken">Cancels the write; the old file then stays as it was.</param>
    public async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var tempPath = fullPath + ".tmp";
        try
        {
            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            // A temp file left by a crash may carry other permissions; start from a fresh one.
            File.Delete(tempPath);
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = BufferSize,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = File.Exists(fullPath) ? File.GetUnixFileMode(fullPath) : OwnerOnlyFiles.FileMode;
            }

            var stream = openFile?.Invoke(tempPath, options) ?? new FileStream(tempPath, options);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch (Exception exception)
        {
            DeleteTemp(tempPath);
            if (exception is not OperationCanceledException)
            {
                Log.WriteFailed(logger, fullPath, Cause(exception), exception);
            }

            throw;
        }
    }

    private const int NoSpaceLeft = 28;

    // ENOSPC (28) surfaces as an IOException whose HResult is the errno on Unix, 0x80070070 on Windows.
    private static string Cause(Exception exception) => exception switch
    {
        IOException { HResult: NoSpaceLeft or unchecked((int)0x80070070) } => "the disk is full: free some space",
        UnauthorizedAccessException => "permission denied: give the user the monitor runs as write access to that directory and file (e.g. chown, chmod u+w)",
        _ => exception.Message + ": check free disk space and that the monitor's user may write to that directory",
    };

    private void DeleteTemp(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.TempNotDeleted(logger, tempPath, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Path}; the previous file is unchanged. Cause: {Cause}. The monitor carries on with its state in memory and writes the file again at the next save.")]
        public static partial void WriteFailed(ILogger logger, string path, string cause, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the temporary file {TempPath}; delete it by hand, it holds no state the monitor needs.")]
        public static partial void TempNotDeleted(ILogger logger, string tempPath, Exception exception);
    }
}
