using System.Buffers.Text;
using System.Diagnostics;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// Linux: the resident page count of <c>/proc/self/statm</c> times the page size, the number <c>ps</c> prints as
/// RSS. Elsewhere (or without procfs): <see cref="Process.WorkingSet64"/> of a refreshed <see cref="Process"/>.
/// </summary>
public sealed class ProcessMemoryReader : IProcessMemoryReader, IDisposable
{
    private const string StatmPath = "/proc/self/statm";

    private readonly bool _useProcfs;
    private readonly Lock _processGate = new();
    private Process? _process;

    public ProcessMemoryReader()
        : this(OperatingSystem.IsLinux() && File.Exists(StatmPath))
    {
    }

    /// <param name="useProcfs">False forces the <see cref="Process"/> path; tests use it to check both readings.</param>
    internal ProcessMemoryReader(bool useProcfs)
    {
        _useProcfs = useProcfs;
    }

    public long ReadResidentBytes()
    {
        if (_useProcfs && TryReadStatm(out var bytes))
        {
            return bytes;
        }

        lock (_processGate)
        {
            _process ??= Process.GetCurrentProcess();
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public void Dispose()
    {
        lock (_processGate)
        {
            _process?.Dispose();
            _process = null;
        }
    }

    // statm is "size resident shared text lib data dt" in pages, e.g. "61875 9640 5634 1 0 24283 0".
    private static bool TryReadStatm(out long bytes)
    {
        bytes = 0;
        Span<byte> buffer = stackalloc byte[128];
        int read;
        try
        {
            using var handle = File.OpenHandle(StatmPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        var text = buffer[..read];
        var space = text.IndexOf((byte)' ');
        if (space < 0 || !Utf8Parser.TryParse(text[(space + 1)..], out long residentPages, out _))
        {
            return false;
        }

        bytes = residentPages * Environment.SystemPageSize;
        return true;
    }
}
