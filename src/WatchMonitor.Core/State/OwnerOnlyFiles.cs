namespace WatchMonitor.State;

/// <summary>
/// What the monitor creates on Unix is its user's alone: files 0600, directories 0700 (the umask can only take
/// more away). State holds what the monitor saw and queued, reports describe the process, and <c>.env</c> holds the
/// webhook secrets. On Windows files inherit the directory's ACL.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> and each missing parent as 0700; existing directories stay as they are.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // Directory.CreateDirectory(path, mode) gives the mode to the last directory only; parents it creates get
            // the default. Create each missing one, outermost first.
            var missing = new Stack<string>();
            for (var directory = Path.GetFullPath(path); !Directory.Exists(directory); directory = Path.GetDirectoryName(directory)!)
            {
                missing.Push(directory);
            }

            while (missing.TryPop(out var directory))
            {
                Directory.CreateDirectory(directory, DirectoryMode);
            }
        }
    }

    /// <summary>Options for a stream that may create its file: a new file is created 0600.</summary>
    public static FileStreamOptions Creating(System.IO.FileMode mode, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            Share = share,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>Makes an existing file 0600; false when the monitor's user may not change it (another owner).</summary>
    public static bool Restrict(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            File.SetUnixFileMode(path, FileMode);
            return true;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
