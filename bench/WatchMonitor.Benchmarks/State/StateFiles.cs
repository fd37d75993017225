using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.State;

namespace WatchMonitor.Benchmarks.State;

/// <summary>A scratch directory for one benchmark's state files, and the writer and quarantine the stores need.</summary>
internal sealed class StateFiles : IDisposable
{
    public StateFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("watchmon-bench-").FullName;
    }

    public string Directory { get; }

    public AtomicFileWriter Writer { get; } = new(NullLogger<AtomicFileWriter>.Instance);

    public StateFileQuarantine Quarantine { get; } = new(TimeProvider.System, NullLogger<StateFileQuarantine>.Instance);

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
