using System.Globalization;

namespace WatchMonitor.Soak.Report;

/// <summary>Writes <c>soak.csv</c> row by row as the run goes, so an interrupted run keeps what it measured.</summary>
internal sealed class SoakCsv : IAsyncDisposable
{
    public const string Header =
        "cycle,forced_gc,rss_bytes,peak_rss_bytes,gc_heap_bytes,committed_bytes,allocated_bytes,gen0,gen1,gen2,cycle_ms,db_bytes,wal_bytes,write_bytes";

    private readonly StreamWriter _writer;

    private SoakCsv(StreamWriter writer)
    {
        _writer = writer;
    }

    public static async Task<SoakCsv> CreateAsync(string path)
    {
        var writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        await writer.WriteLineAsync(Header).ConfigureAwait(false);
        return new SoakCsv(writer);
    }

    public Task WriteAsync(SoakRow row)
    {
        var memory = row.Memory;
        var files = row.Files;
        return _writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{row.Cycle},{(row.Forced ? 1 : 0)},{memory.ResidentBytes},{memory.PeakResidentBytes},{memory.GcHeapBytes},{memory.CommittedBytes},{memory.AllocatedBytes},{memory.Gen0Collections},{memory.Gen1Collections},{memory.Gen2Collections},{row.CycleMs:F1},{files.Database},{files.Wal},{files.WrittenBytes}"));
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
