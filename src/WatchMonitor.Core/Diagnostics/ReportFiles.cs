namespace WatchMonitor.Diagnostics;

/// <summary>File housekeeping for the reports folder, so months of restarts leave a bounded number of files.</summary>
internal static class ReportFiles
{
    public const int Kept = 20;

    /// <summary>Deletes all but the newest <paramref name="keep"/> files matching <paramref name="pattern"/> (names sort by time).</summary>
    public static void Prune(string directory, string pattern, int keep)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var old in Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal).SkipLast(keep))
        {
            try
            {
                File.Delete(old);
            }
            catch (IOException)
            {
                // Another process has it open; the next prune gets it.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete; leave it.
            }
        }
    }
}
