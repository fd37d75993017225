using System.Diagnostics;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// Permission tests as the service user would meet them. Root ignores file modes, and CI runs <c>dotnet test</c> as
/// root: then the test prepares its files as root and starts the real <c>watchmon</c> as <c>nobody</c> through
/// <c>setpriv</c>; otherwise it runs as the current user. The helpers below make a path unwritable or unreadable
/// for whichever user that is.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class Unprivileged
{
    private const int Nobody = 65534;

    private const UnixFileMode Everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode ReadOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static bool IsRoot => Environment.UserName == "root";

    public static string? Setpriv { get; } = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);

    /// <summary>Why these tests cannot run here; null when they can.</summary>
    public static string? SkipReason =>
        OperatingSystem.IsWindows() ? "Unix file modes only."
        : IsRoot && Setpriv is null ? "Running as root without setpriv (util-linux): watchmon cannot be started as nobody, and root ignores file modes."
        : null;

    /// <summary>Runs <paramref name="start"/> as nobody when the tests run as root; unchanged otherwise.</summary>
    public static void Wrap(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!IsRoot)
        {
            return;
        }

        var program = start.FileName;
        var args = start.ArgumentList.ToList();
        start.FileName = Setpriv ?? throw new InvalidOperationException(SkipReason);
        start.ArgumentList.Clear();
        foreach (var arg in (string[])[$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", program, .. args])
        {
            start.ArgumentList.Add(arg);
        }
    }

    /// <summary>A new directory the watchmon user may write (root: world-writable, as nobody owns nothing).</summary>
    public static string CreateWritableDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("watchmon-perm-").FullName;
        File.SetUnixFileMode(directory, IsRoot ? Everyone : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    /// <summary>The watchmon user may list and enter <paramref name="directory"/> but not create files in it.</summary>
    public static void MakeUnwritable(string directory) => File.SetUnixFileMode(directory, ReadOnlyDirectory);

    /// <summary>The watchmon user may not read <paramref name="file"/> (root: it stays root's, 0600).</summary>
    public static void MakeUnreadable(string file) =>
        File.SetUnixFileMode(file, IsRoot ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.None);

    /// <summary>Gives the test's own user everything back, so the directory can be deleted.</summary>
    public static void Delete(string directory)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Prepend(directory))
        {
            File.SetUnixFileMode(path, Everyone);
        }

        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>A test of real file permissions; skipped, with the reason shown, only where <see cref="Unprivileged"/> cannot run.</summary>
public sealed class UnprivilegedFactAttribute : FactAttribute
{
    public UnprivilegedFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only.";
        }
        else
        {
            Skip = Unprivileged.SkipReason;
        }
    }
}
