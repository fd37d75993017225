using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Core.Tests.Diagnostics;

public sealed class MemoryProfilerTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly TemporaryDirectory _reports = new();
    private readonly RecordingLogger<MemoryProfiler> _logger = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task RecordCycleAsync_ProfilingOff_WritesNothing()
    {
        var (_, profiler) = Create(new MemoryOptions { ReportsDirectory = _reports.Path });

        await profiler.RecordCycleAsync(1, CancellationToken.None);

        Assert.False(profiler.Enabled);
        Assert.False(Directory.Exists(_reports.Path));
        Assert.Null(profiler.CsvPath);
    }

    [Fact]
    public async Task RecordCycleAsync_ThreeCycles_AppendsHeaderAndOneRowPerCycle()
    {
        var (harness, profiler) = Create(Profiling());

        for (var cycle = 1; cycle <= 3; cycle++)
        {
            harness.Reader.ResidentMb = 100 + cycle;
            await profiler.RecordCycleAsync(cycle, CancellationToken.None);
            harness.Time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(_reports.File("memory-20250301-080000.csv"), profiler.CsvPath);
        var lines = await File.ReadAllLinesAsync(profiler.CsvPath!);
        Assert.Equal(4, lines.Length);
        Assert.Equal("cycle,time,rss_bytes,gc_heap_bytes,committed_bytes,allocated_bytes,gen0_count,gen1_count,gen2_count,loh_bytes", lines[0]);
        var rows = lines.Skip(1).Select(Parse).ToList();
        Assert.Equal([1L, 2L, 3L], rows.Select(row => row.Cycle));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 8, 5, 0, TimeSpan.Zero), rows[1].Time);
        Assert.Equal(102L * 1024 * 1024, rows[1].ResidentBytes);
        Assert.All(rows, row => Assert.True(row.GcHeapBytes > 0 && row.CommittedBytes > 0 && row.AllocatedBytes >= 0));
        Assert.True(rows[2].Gen0Collections >= rows[0].Gen0Collections);
        Assert.StartsWith("3,2025-03-01T08:10:00Z,", lines[3], StringComparison.Ordinal);
        Assert.Equal(rows[2], profiler.LastRow);
    }

    [Fact]
    public async Task RecordCycleAsync_ReportEveryTwoCycles_DrawsTheChartOnEvenCycles()
    {
        var options = Profiling();
        options.ReportEveryNCycles = 2;
        var (_, profiler) = Create(options);

        await profiler.RecordCycleAsync(1, CancellationToken.None);
        Assert.False(File.Exists(_reports.File(MemoryProfiler.SvgFileName)));

        await profiler.RecordCycleAsync(2, CancellationToken.None);
        Assert.True(File.Exists(_reports.File(MemoryProfiler.SvgFileName)));
        Assert.True(File.Exists(_reports.File(MemoryProfiler.MarkdownFileName)));
    }

    [Fact]
    public async Task WriteReportAsync_AfterFiveCycles_WritesWellFormedSvgWithBothLinesAndThresholds()
    {
        var (harness, profiler) = Create(Profiling());
        double[] readings = [120, 180, 150, 210, 160];
        for (var cycle = 1; cycle <= readings.Length; cycle++)
        {
            harness.Reader.ResidentMb = readings[cycle - 1];
            await profiler.RecordCycleAsync(cycle, CancellationToken.None);
            harness.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var result = await profiler.WriteReportAsync(CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal(5, result.Rows);
        Assert.Equal(5, result.Points);
        Assert.Equal(210, result.PeakResidentMb!.Value, precision: 6);
        Assert.Equal(4L, result.PeakCycle);
        var svg = XDocument.Load(result.SvgPath);
        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.Equal(5, Points(svg, "resident").Count);
        Assert.Equal(5, Points(svg, "managed").Count);
        var warningY = LineY(svg, "warning-threshold");
        var criticalY = LineY(svg, "critical-threshold");
        Assert.True(criticalY < warningY, "critical is drawn above warning");
        Assert.All(Points(svg, "resident"), point => Assert.True(point.Y > warningY, "readings sit below the warning line"));
        Assert.Contains(svg.Descendants(Svg + "text"), text => text.Value == "warning 400 MB");
        Assert.Contains(svg.Descendants(Svg + "text"), text => text.Value == "critical 500 MB");

        var markdown = await File.ReadAllTextAsync(result.MarkdownPath);
        Assert.StartsWith("# Memory report\n", markdown, StringComparison.Ordinal);
        Assert.Contains("![Resident and managed memory over cycles](memory-report.svg)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Resident peak (cycle 4) | 210.0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Warning threshold (MEMORY_WARNING_THRESHOLD_MB) | 400 |", markdown, StringComparison.Ordinal);
        Assert.Contains(_logger.Entries, entry => entry.Message.StartsWith("Memory chart written to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenderAsync_FiveThousandRows_DownsamplesTo2000PointsKeepingThePeak()
    {
        Directory.CreateDirectory(_reports.Path);
        var csv = _reports.File("memory-20250101-000000.csv");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var writer = new StreamWriter(csv))
        {
            await writer.WriteAsync(MemoryProfileRowHeader + "\n");
            for (var cycle = 1; cycle <= 5000; cycle++)
            {
                var residentMb = cycle == 3333 ? 480 : 100 + (cycle / 100.0);
                var row = new MemoryProfileRow(cycle, start.AddMinutes(5 * cycle), (long)(residentMb * 1024 * 1024), 40L << 20, 80L << 20, 1 << 20, cycle, cycle / 10, cycle / 100, 1 << 20);
                await writer.WriteAsync(row.Format() + "\n");
            }

            await writer.WriteAsync("5001,2025-02-");
        }

        var result = await MemoryChart.RenderAsync(csv, _reports.File("chart.svg"), _reports.File("chart.md"), new MemoryOptions(), start, CancellationToken.None);

        Assert.Equal(5000, result.Rows);
        Assert.Equal(1667, result.Points);
        Assert.Equal(480, result.PeakResidentMb!.Value, precision: 6);
        Assert.Equal(1.0, result.TrendMbPer100Cycles!.Value, precision: 1);
        var svg = XDocument.Load(result.SvgPath);
        var resident = Points(svg, "resident");
        Assert.True(resident.Count <= MemoryChart.MaxPoints);
        var peak = resident.MinBy(point => point.Y);
        var warningY = LineY(svg, "warning-threshold");
        Assert.True(peak.Y < warningY, "the 480 MB spike is drawn above the 400 MB line");
        Assert.Contains("each the peak of 3 cycle(s)", await File.ReadAllTextAsync(result.MarkdownPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteReportAsync_NothingRecorded_ReturnsNullAndSaysHowToStart()
    {
        var (_, profiler) = Create(Profiling());

        Assert.Null(await profiler.WriteReportAsync(CancellationToken.None));

        Assert.Contains(_logger.Entries, entry => entry.Message.Contains("MEMORY_PROFILING=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordCycleAsync_ReportsDirIsAFile_WarnsOnceAndKeepsGoing()
    {
        Directory.CreateDirectory(_reports.Path);
        var notADirectory = _reports.File("reports");
        await File.WriteAllTextAsync(notADirectory, "");
        var (_, profiler) = Create(new MemoryOptions { Profiling = true, ReportsDirectory = notADirectory });

        await profiler.RecordCycleAsync(1, CancellationToken.None);
        await profiler.RecordCycleAsync(2, CancellationToken.None);

        var warning = Assert.Single(_logger.AtLevel(LogLevel.Warning));
        Assert.Contains("MEMORY_REPORTS_DIR", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordCycleAsync_ManyOldProfiles_KeepsTheNewestTwenty()
    {
        Directory.CreateDirectory(_reports.Path);
        for (var day = 1; day <= 25; day++)
        {
            await File.WriteAllTextAsync(_reports.File($"memory-202401{day:00}-000000.csv"), "");
        }

        var (_, profiler) = Create(Profiling());
        await profiler.RecordCycleAsync(1, CancellationToken.None);

        var kept = Directory.GetFiles(_reports.Path, "memory-*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(20, kept.Count);
        Assert.Equal("memory-20240107-000000.csv", kept[0]);
        Assert.Equal("memory-20250301-080000.csv", kept[^1]);
    }

    [Fact]
    public void Format_Row_MatchesThePinnedCsvLineAndParsesBack()
    {
        var row = new MemoryProfileRow(12, new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), 157_286_400, 41_943_040, 83_886_080, 5_242_880, 37, 6, 2, 1_048_576);

        var line = row.Format();

        Assert.Equal("12,2025-03-01T09:00:00Z,157286400,41943040,83886080,5242880,37,6,2,1048576", line);
        Assert.True(MemoryProfileRow.TryParse(line, out var parsed));
        Assert.Equal(row with { Time = row.Time.ToUniversalTime() }, parsed);
        Assert.False(MemoryProfileRow.TryParse(MemoryProfileRowHeader, out _));
        Assert.False(MemoryProfileRow.TryParse("12,2025-03-01T09:00:00Z,1572", out _));
    }

    private const string MemoryProfileRowHeader = MemoryProfileRow.Header;

    private MemoryOptions Profiling() => new() { Profiling = true, ReportsDirectory = _reports.Path, ReportEveryNCycles = 0 };

    private (MemoryHarness Harness, MemoryProfiler Profiler) Create(MemoryOptions options)
    {
        var harness = new MemoryHarness(100, options);
        return (harness, new MemoryProfiler(harness.Monitor, options, harness.Time, _logger));
    }

    private static MemoryProfileRow Parse(string line)
    {
        Assert.True(MemoryProfileRow.TryParse(line, out var row), line);
        return row;
    }

    private static List<(double X, double Y)> Points(XDocument svg, string id)
    {
        var polyline = svg.Descendants(Svg + "polyline").Single(element => (string?)element.Attribute("id") == id);
        return [.. polyline.Attribute("points")!.Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))];
    }

    private static double LineY(XDocument svg, string id)
    {
        var line = svg.Descendants(Svg + "line").Single(element => (string?)element.Attribute("id") == id);
        Assert.Equal(line.Attribute("y1")!.Value, line.Attribute("y2")!.Value);
        return double.Parse(line.Attribute("y1")!.Value, CultureInfo.InvariantCulture);
    }
}
