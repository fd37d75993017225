namespace WatchMonitor.Diagnostics;

/// <summary>Reads this process's memory as the operating system sees it.</summary>
public interface IProcessMemoryReader
{
    /// <summary>
    /// Resident set size in bytes: the RSS column of <c>ps</c> on Linux, the working set elsewhere. Cheap enough to
    /// call every cycle; does not allocate per call beyond a few small objects.
    /// </summary>
    long ReadResidentBytes();
}
