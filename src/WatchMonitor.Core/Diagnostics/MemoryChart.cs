using System.Globalization;
using System.Text;
using WatchMonitor.Charts;
using WatchMonitor.State;

namespace WatchMonitor.Diagnostics;

// Two streaming passes over the CSV (totals, then the peak of each bucket of cycles), so a year-long CSV needs no
// more memory than a day-long one.
internal static class MemoryChart
{
    public const int MaxPoints = 2000;

    private const string ResidentColor = "#0072b2";
    private const string ManagedColor = "#009e73";
    private const string WarningColor = "#e69f00";
    private const string CriticalColor = "#d55e00";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<MemoryChartResult> RenderAsync(
        string csvPath,
        string svgPath,
        string markdownPath,
        MemoryOptions options,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var totals = await SummarizeAsync(csvPath, options, cancellationToken).ConfigureAwait(false);
        var points = await DownsampleAsync(csvPath, totals.Rows, cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(svgPath, Svg(totals, points, options), cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(markdownPath, Markdown(totals, points.Count, csvPath, svgPath, options, now), cancellationToken).ConfigureAwait(false);
        return new MemoryChartResult(
            svgPath,
            markdownPath,
            totals.Rows,
            points.Count,
            totals.Rows == 0 ? null : MemoryUnits.ToMb(totals.PeakResident.ResidentBytes),
            totals.Rows == 0 ? null : totals.PeakResident.Cycle,
            totals.TrendMbPerCycle * 100);
    }

    private static async Task<Totals> SummarizeAsync(string csvPath, MemoryOptions options, CancellationToken cancellationToken)
    {
        var totals = new Totals();
        using var reader = OpenCsv(csvPath);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (MemoryProfileRow.TryParse(line, out var row))
            {
                totals.Add(row, options);
            }
        }

        return totals;
    }

    private static async Task<List<CyclePeak>> DownsampleAsync(string csvPath, long rows, CancellationToken cancellationToken)
    {
        var bucketSize = Math.Max(1, (rows + MaxPoints - 1) / MaxPoints);
        var points = new List<CyclePeak>((int)Math.Min(rows, MaxPoints));
        using var reader = OpenCsv(csvPath);
        long read = 0;
        CyclePeak? bucket = null;
        var inBucket = 0L;
        while (read < rows && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!MemoryProfileRow.TryParse(line, out var row))
            {
                continue;
            }

            read++;
            var residentMb = MemoryUnits.ToMb(row.ResidentBytes);
            var managedMb = MemoryUnits.ToMb(row.GcHeapBytes);
            bucket = bucket is { } open
                ? open with { ResidentMb = Math.Max(open.ResidentMb, residentMb), ManagedMb = Math.Max(open.ManagedMb, managedMb) }
                : new CyclePeak(row.Cycle, residentMb, managedMb);
            if (++inBucket == bucketSize)
            {
                points.Add(bucket.Value);
                bucket = null;
                inBucket = 0;
            }
        }

        if (bucket is { } last)
        {
            points.Add(last);
        }

        return points;
    }

    private static string Svg(Totals totals, List<CyclePeak> points, MemoryOptions options)
    {
        var peakMb = Math.Max(MemoryUnits.ToMb(Math.Max(totals.PeakResident.ResidentBytes, totals.PeakGcHeapBytes)), options.CriticalThresholdMb);
        double xMin = totals.Rows == 0 ? 0 : totals.First.Cycle;
        double xMax = totals.Rows == 0 ? 1 : Math.Max(totals.Last.Cycle, xMin + 1);
        var chart = new SvgChart
        {
            Title = "Watch Monitor memory over cycles",
            Heading = [Title(totals)],
            XAxisTitle = "cycle",
            Panels =
            [
                new ChartPanel
                {
                    XMin = xMin,
                    XMax = xMax,
                    XStep = Math.Max(1, Math.Round(SvgChart.NiceStep(xMax - xMin, 6))),
                    YMax = SvgChart.NiceCeiling(peakMb * 1.05),
                    Series =
                    [
                        new ChartSeries("resident", "resident (RSS)", ResidentColor, [.. points.Select(point => new ChartPoint(point.Cycle, point.ResidentMb))]),
                        new ChartSeries("managed", "managed heap", ManagedColor, [.. points.Select(point => new ChartPoint(point.Cycle, point.ManagedMb))]),
                    ],
                    Limits =
                    [
                        new ChartRule("warning-threshold", options.WarningThresholdMb, $"warning {options.WarningThresholdMb} MB", WarningColor),
                        new ChartRule("critical-threshold", options.CriticalThresholdMb, $"critical {options.CriticalThresholdMb} MB", CriticalColor),
                    ],
                    EmptyText = "No readings yet",
                },
            ],
        };
        return chart.Render();
    }

    private static string Markdown(Totals totals, int points, string csvPath, string svgPath, MemoryOptions options, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append("# Memory report\n\n");
        text.Append(Invariant, $"Written {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC from `{Path.GetFileName(csvPath)}`");
        if (totals.Rows == 0)
        {
            text.Append(": no readings yet.\n");
            return text.ToString();
        }

        text.Append(Invariant, $" ({totals.Rows} cycles, {totals.First.Cycle}–{totals.Last.Cycle}, {totals.First.Time.UtcDateTime:yyyy-MM-dd HH:mm} – {totals.Last.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC).\n\n");
        text.Append(Invariant, $"![Resident and managed memory over cycles]({Path.GetFileName(svgPath)})\n\n");
        text.Append("| Reading | MB |\n|---|---:|\n");
        Row(text, $"Resident now (cycle {totals.Last.Cycle})", totals.Last.ResidentBytes);
        Row(text, $"Resident peak (cycle {totals.PeakResident.Cycle})", totals.PeakResident.ResidentBytes);
        Row(text, "Managed heap now", totals.Last.GcHeapBytes);
        Row(text, "Managed heap peak", totals.PeakGcHeapBytes);
        Row(text, "GC committed peak", totals.PeakCommittedBytes);
        Row(text, "Large object heap now", totals.Last.LohBytes);
        text.Append(Invariant, $"| Warning threshold (MEMORY_WARNING_THRESHOLD_MB) | {options.WarningThresholdMb} |\n");
        text.Append(Invariant, $"| Critical threshold (MEMORY_CRITICAL_THRESHOLD_MB) | {options.CriticalThresholdMb} |\n\n");
        text.Append(Invariant, $"Cycles above the warning threshold: {totals.AboveWarning} of {totals.Rows}; above critical: {totals.AboveCritical}.\n\n");
        text.Append(totals.TrendMbPerCycle is { } trend
            ? string.Create(Invariant, $"Resident trend: {trend * 100:+0.00;-0.00;0.00} MB per 100 cycles (least-squares slope over all cycles). ")
            : "Resident trend: needs at least two cycles. ");
        text.Append("Memory that keeps rising over days while the managed heap stays flat points at native memory; a rising managed heap at a leak in .NET objects (see docs/memory-profiling.md).\n\n");
        text.Append(Invariant, $"Chart: {points} points, each the peak of {Math.Max(1, (totals.Rows + MaxPoints - 1) / MaxPoints)} cycle(s).\n");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, long bytes) =>
        text.Append(Invariant, $"| {label} | {MemoryUnits.ToMb(bytes):0.0} |\n");

    private static string Title(Totals totals) => totals.Rows == 0
        ? "Resident and managed memory"
        : string.Create(Invariant, $"Resident and managed memory, cycles {totals.First.Cycle}–{totals.Last.Cycle} ({totals.First.Time.UtcDateTime:yyyy-MM-dd HH:mm} – {totals.Last.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC)");

    private static StreamReader OpenCsv(string path) => new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.ReadWrite | FileShare.Delete,
        Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
    });

    private static async Task WriteAtomicallyAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        var stream = new FileStream(temporary, OwnerOnlyFiles.Creating(FileMode.Create, FileShare.None));
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private readonly record struct CyclePeak(long Cycle, double ResidentMb, double ManagedMb);

    private sealed class Totals
    {
        private double _sumX;
        private double _sumY;
        private double _sumXy;
        private double _sumXx;

        public long Rows { get; private set; }

        public MemoryProfileRow First { get; private set; }

        public MemoryProfileRow Last { get; private set; }

        public MemoryProfileRow PeakResident { get; private set; }

        public long PeakGcHeapBytes { get; private set; }

        public long PeakCommittedBytes { get; private set; }

        public long AboveWarning { get; private set; }

        public long AboveCritical { get; private set; }

        public double? TrendMbPerCycle
        {
            get
            {
                var denominator = (Rows * _sumXx) - (_sumX * _sumX);
                return Rows < 2 || denominator <= 0 ? null : ((Rows * _sumXy) - (_sumX * _sumY)) / denominator;
            }
        }

        public void Add(MemoryProfileRow row, MemoryOptions options)
        {
            if (Rows == 0)
            {
                First = row;
                PeakResident = row;
            }

            Rows++;
            Last = row;
            if (row.ResidentBytes > PeakResident.ResidentBytes)
            {
                PeakResident = row;
            }

            PeakGcHeapBytes = Math.Max(PeakGcHeapBytes, row.GcHeapBytes);
            PeakCommittedBytes = Math.Max(PeakCommittedBytes, row.CommittedBytes);
            AboveWarning += row.ResidentBytes > options.WarningThresholdBytes ? 1 : 0;
            AboveCritical += row.ResidentBytes > options.CriticalThresholdBytes ? 1 : 0;

            // Cycles relative to the first keep the sums small enough for doubles over millions of rows.
            var x = (double)(row.Cycle - First.Cycle);
            var y = MemoryUnits.ToMb(row.ResidentBytes);
            _sumX += x;
            _sumY += y;
            _sumXy += x * y;
            _sumXx += x * x;
        }
    }
}

/// <summary>Where the chart went and what it showed.</summary>
/// <param name="Rows">Cycles read from the CSV.</param>
/// <param name="Points">Points drawn per line (at most 2000).</param>
/// <param name="TrendMbPer100Cycles">Least-squares slope of resident memory; null with fewer than two cycles.</param>
public sealed record MemoryChartResult(
    string SvgPath,
    string MarkdownPath,
    long Rows,
    int Points,
    double? PeakResidentMb,
    long? PeakCycle,
    double? TrendMbPer100Cycles);
