using WatchMonitor.Diagnostics;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>Resident memory the test chooses, in place of the test host's own.</summary>
public sealed class FixedMemoryReader(double residentMb) : IProcessMemoryReader
{
    public long ReadResidentBytes() => (long)(residentMb * 1024 * 1024);
}
