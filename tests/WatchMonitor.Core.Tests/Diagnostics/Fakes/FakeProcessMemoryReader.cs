using WatchMonitor.Diagnostics;

namespace WatchMonitor.Core.Tests.Diagnostics.Fakes;

/// <summary>Resident memory the test sets; cleanup fakes lower it to play "memory was freed".</summary>
public sealed class FakeProcessMemoryReader(double residentMb = 100) : IProcessMemoryReader
{
    private long _residentBytes = ToBytes(residentMb);

    public double ResidentMb
    {
        get => Interlocked.Read(ref _residentBytes) / (1024.0 * 1024.0);
        set => Interlocked.Exchange(ref _residentBytes, ToBytes(value));
    }

    public int Reads { get; private set; }

    public long ReadResidentBytes()
    {
        Reads++;
        return Interlocked.Read(ref _residentBytes);
    }

    private static long ToBytes(double mb) => (long)(mb * 1024 * 1024);
}
