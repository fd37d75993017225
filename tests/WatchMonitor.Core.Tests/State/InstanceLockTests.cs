using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

/// <summary>The lock within one process; a second process and kill -9 are in the end-to-end InstanceLockTests.</summary>
public sealed class InstanceLockTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Acquire_MissingDirectory_CreatesItAndWritesThePid()
    {
        var state = Path.Combine(_directory.Path, "state");

        using (var held = InstanceLock.Acquire(state))
        {
            Assert.Equal(Path.Combine(state, "watchmon.lock"), held.Path);
        }

        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(Path.Combine(state, "watchmon.lock")));
    }

    [Fact]
    public void Acquire_AlreadyHeld_ThrowsNamingThePidAndTheDirectory()
    {
        using var held = InstanceLock.Acquire(_directory.Path);

        var refused = Assert.Throws<InstanceLockException>(() => InstanceLock.Acquire(_directory.Path + "/."));

        Assert.StartsWith($"another watchmon (pid {Environment.ProcessId}) is using {_directory.Path}. Stop it first", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_AfterDispose_SucceedsAgain()
    {
        InstanceLock.Acquire(_directory.Path).Dispose();

        using var again = InstanceLock.Acquire(_directory.Path);

        Assert.True(File.Exists(again.Path));
    }

    [Fact]
    public void Acquire_DirectoryIsAFile_ThrowsNamingTheLockFileAndTheFix()
    {
        Directory.CreateDirectory(_directory.Path);
        var notADirectory = _directory.File("file");
        File.WriteAllText(notADirectory, "");

        var refused = Assert.Throws<InstanceLockException>(() => InstanceLock.Acquire(notADirectory));

        Assert.StartsWith($"cannot create the lock file {Path.Combine(notADirectory, "watchmon.lock")} (", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"needs write access to {notADirectory}", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
