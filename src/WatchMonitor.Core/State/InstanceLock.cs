using System.Globalization;
using System.Text;

namespace WatchMonitor.State;

/// <summary>
/// One monitor per state directory: an OS lock on <c>watchmon.lock</c> beside the state, held for the life of the
/// process and released by the kernel when it ends, even by SIGKILL, so there is never a stale lock to remove. The
/// file holds the owner's process id for the message a second monitor prints; the lock, not the file, decides.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    public const string FileName = "watchmon.lock";

    // A byte range lock (fcntl on Unix, LockFileEx on Windows) lets a second process open the file and read the pid,
    // which a whole-file lock would refuse. The range lies past the pid so Windows lets that read through.
    private const long LockOffset = 4096;

    private static readonly Lock HeldGate = new();
    private static readonly HashSet<string> HeldInThisProcess = new(StringComparer.Ordinal);

    private readonly FileStream _file;
    private readonly FileStream? _macLock;

    private InstanceLock(string path, FileStream file, FileStream? macLock)
    {
        Path = path;
        _file = file;
        _macLock = macLock;
    }

    public string Path { get; }

    /// <summary>Takes the lock of <paramref name="directory"/>, creating the directory (0700) when missing.</summary>
    /// <exception cref="InstanceLockException">Another monitor holds it, or the directory cannot be written.</exception>
    public static InstanceLock Acquire(string directory)
    {
        var fullDirectory = System.IO.Path.GetFullPath(directory);
        var path = System.IO.Path.Combine(fullDirectory, FileName);
        lock (HeldGate)
        {
            // POSIX record locks do not conflict within one process: a second host in this process is refused here.
            if (HeldInThisProcess.Contains(path))
            {
                throw new InstanceLockException(InUse(Environment.ProcessId, fullDirectory));
            }

            FileStream file;
            try
            {
                OwnerOnlyFiles.CreateDirectory(fullDirectory);
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = OwnerOnlyFiles.FileMode;
                }

                file = new FileStream(path, options);
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                throw new InstanceLockException(CannotCreate(path, fullDirectory, exception), exception);
            }

            FileStream? macLock;
            try
            {
                macLock = LockRange(file);
            }
            catch (IOException)
            {
                var owner = ReadOwner(file);
                file.Dispose();
                throw new InstanceLockException(InUse(owner, fullDirectory));
            }

            try
            {
                file.SetLength(0);
                file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
                file.Flush();
            }
            catch (IOException)
            {
                // The pid is only for the message of a second monitor; the lock is held either way.
            }

            HeldInThisProcess.Add(path);
            return new InstanceLock(path, file, macLock);
        }
    }

    public void Dispose()
    {
        lock (HeldGate)
        {
            if (HeldInThisProcess.Remove(Path))
            {
                // Closing the file releases the lock. The file stays: deleting it would let a third monitor lock a new
                // file while a second still waits on the old one.
                _macLock?.Dispose();
                _file.Dispose();
            }
        }
    }

    private static FileStream? LockRange(FileStream file)
    {
        if (OperatingSystem.IsMacOS())
        {
            // No byte-range locks in .NET on macOS; a whole-file lock on a second handle does the job there.
            return new FileStream(file.Name, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }

        file.Lock(LockOffset, 1);
        return null;
    }

    private static int? ReadOwner(FileStream file)
    {
        try
        {
            file.Position = 0;
            Span<byte> buffer = stackalloc byte[16];
            var read = file.Read(buffer);
            return int.TryParse(Encoding.ASCII.GetString(buffer[..read]).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string InUse(int? pid, string directory) =>
        $"another watchmon (pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}) is using {directory}. "
        + "Stop it first (e.g. systemctl stop watchmon), or give this one its own state files (SEEN_WATCHES_FILE in another directory).";

    private static string CannotCreate(string path, string directory, Exception exception)
    {
        var cause = exception is UnauthorizedAccessException ? "permission denied" : exception.Message;
        return $"cannot create the lock file {path} ({cause}). The user watchmon runs as ({Environment.UserName}) needs write access to {directory}: "
            + $"e.g. chown {Environment.UserName} {directory}; chmod 700 {directory}, or start watchmon in a directory it owns.";
    }
}

/// <summary>The state directory is locked by another monitor, or cannot be written; the message names it and the fix.</summary>
public sealed class InstanceLockException : IOException
{
    public InstanceLockException()
    {
    }

    public InstanceLockException(string message)
        : base(message)
    {
    }

    public InstanceLockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
