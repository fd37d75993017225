using System.Text;
using Microsoft.Extensions.Logging;
using WatchMonitor.State;

namespace WatchMonitor.Diagnostics;

/// <summary>
/// Per-cycle memory CSV and its chart (docs/memory-profiling.md). Only the last row stays in memory; a profiling
/// failure is logged and never stops the monitor.
/// </summary>
public sealed partial class MemoryProfiler(
    MemoryMonitor monitor,
    MemoryOptions options,
    TimeProvider timeProvider,
    ILogger<MemoryProfiler> logger) : IDisposable
{
    public const string SvgFileName = "memory-report.svg";
    public const string MarkdownFileName = "memory-report.md";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _csvPath;
    private MemoryProfileRow? _lastRow;
    private long _lastTotalAllocatedBytes;
    private bool _failing;

    public bool Enabled => options.Profiling;

    /// <summary>This run's CSV; null until the first row is written.</summary>
    public string? CsvPath => Volatile.Read(ref _csvPath);

    internal MemoryProfileRow? LastRow => _lastRow;

    /// <summary>Appends this cycle's row (when profiling is on) and redraws the chart when it is due.</summary>
    /// <param name="cycleNumber">The cycle just completed, counted from 1.</param>
    public Task RecordCycleAsync(long cycleNumber, CancellationToken cancellationToken) =>
        options.Profiling ? RecordCycleAsync(cycleNumber, monitor.Snapshot(), cancellationToken) : Task.CompletedTask;

    /// <inheritdoc cref="RecordCycleAsync(long, CancellationToken)"/>
    public async Task RecordCycleAsync(long cycleNumber, MemorySnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!options.Profiling)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var row = MemoryProfileRow.From(cycleNumber, snapshot, snapshot.TotalAllocatedBytes - _lastTotalAllocatedBytes);
            await AppendAsync(row, cancellationToken).ConfigureAwait(false);
            _lastRow = row;
            _lastTotalAllocatedBytes = snapshot.TotalAllocatedBytes;
            if (_failing)
            {
                _failing = false;
                Log.WritingResumed(logger, _csvPath!);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (!_failing)
            {
                _failing = true;
                Log.WriteFailed(logger, exception, Path.GetFullPath(options.ReportsDirectory));
            }

            return;
        }
        finally
        {
            _gate.Release();
        }

        if (options.ReportEveryNCycles > 0 && cycleNumber % options.ReportEveryNCycles == 0)
        {
            await WriteReportAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Draws <c>memory-report.svg</c> and <c>memory-report.md</c> next to the CSV; null when nothing was recorded yet.</summary>
    public async Task<MemoryChartResult?> WriteReportAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_csvPath is not { } csvPath || !File.Exists(csvPath))
            {
                Log.NothingToChart(logger);
                return null;
            }

            var directory = Path.GetDirectoryName(csvPath)!;
            var result = await MemoryChart.RenderAsync(
                csvPath,
                Path.Combine(directory, SvgFileName),
                Path.Combine(directory, MarkdownFileName),
                options,
                timeProvider.GetUtcNow(),
                cancellationToken).ConfigureAwait(false);
            Log.ChartWritten(logger, result.SvgPath, result.Rows, result.PeakResidentMb ?? 0);
            return result;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.ChartFailed(logger, exception, Path.GetFullPath(options.ReportsDirectory));
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task AppendAsync(MemoryProfileRow row, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.ReportsDirectory);
        OwnerOnlyFiles.CreateDirectory(directory);
        if (_csvPath is null)
        {
            ReportFiles.Prune(directory, "memory-*.csv", ReportFiles.Kept - 1);
            Volatile.Write(ref _csvPath, Path.Combine(directory, $"memory-{timeProvider.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.csv"));
        }

        var path = _csvPath!;
        var needsHeader = !File.Exists(path) || new FileInfo(path).Length == 0;
        var stream = new FileStream(path, OwnerOnlyFiles.Creating(FileMode.Append));
        await using (stream.ConfigureAwait(false))
        {
            var text = needsHeader ? MemoryProfileRow.Header + "\n" + row.Format() + "\n" : row.Format() + "\n";
            await stream.WriteAsync(Utf8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the memory profile under {Directory}; profiling pauses until it can (the monitor is unaffected). Check that MEMORY_REPORTS_DIR is writable.")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string directory);

        [LoggerMessage(Level = LogLevel.Information, Message = "Memory profile writing resumed: {Path}")]
        public static partial void WritingResumed(ILogger logger, string path);

        [LoggerMessage(Level = LogLevel.Information, Message = "No memory profile to chart yet: set MEMORY_PROFILING=true and let at least one cycle finish")]
        public static partial void NothingToChart(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Memory chart written to {SvgPath} ({Rows} cycles, resident peak {PeakMb:F1} MB)")]
        public static partial void ChartWritten(ILogger logger, string svgPath, long rows, double peakMb);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the memory chart under {Directory}; check that MEMORY_REPORTS_DIR is writable. The monitor is unaffected.")]
        public static partial void ChartFailed(ILogger logger, Exception exception, string directory);
    }
}
