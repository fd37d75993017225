using System.Globalization;
using System.Text;
using System.Xml;
using WatchMonitor.State;

namespace WatchMonitor.Diagnostics;

// Two streaming passes over the CSV (totals, then the peak of each bucket of cycles), so a year-long CSV needs no
// more memory than a day-long one.
internal static class MemoryChart
{
    public const int MaxPoints = 2000;

    private const int Width = 960;
    private const int Height = 480;
    private const int Left = 72;
    private const int Right = 24;
    private const int Top = 56;
    private const int Bottom = 56;
    private const int PlotWidth = Width - Left - Right;
    private const int PlotHeight = Height - Top - Bottom;
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
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

    private static async Task<List<ChartPoint>> DownsampleAsync(string csvPath, long rows, CancellationToken cancellationToken)
    {
        var bucketSize = Math.Max(1, (rows + MaxPoints - 1) / MaxPoints);
        var points = new List<ChartPoint>((int)Math.Min(rows, MaxPoints));
        using var reader = OpenCsv(csvPath);
        long read = 0;
        ChartPoint? bucket = null;
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
                : new ChartPoint(row.Cycle, residentMb, managedMb);
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

    private static string Svg(Totals totals, List<ChartPoint> points, MemoryOptions options)
    {
        var peakMb = Math.Max(MemoryUnits.ToMb(Math.Max(totals.PeakResident.ResidentBytes, totals.PeakGcHeapBytes)), options.CriticalThresholdMb);
        var yStep = NiceStep(peakMb * 1.05, 5);
        var yMax = Math.Ceiling(peakMb * 1.05 / yStep) * yStep;
        double xMin = totals.Rows == 0 ? 0 : totals.First.Cycle;
        double xMax = totals.Rows == 0 ? 1 : Math.Max(totals.Last.Cycle, xMin + 1);
        double X(double cycle) => Left + ((cycle - xMin) / (xMax - xMin) * PlotWidth);
        double Y(double mb) => Top + PlotHeight - (mb / yMax * PlotHeight);

        var builder = new StringBuilder(capacity: 32 * 1024 + (points.Count * 32));
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n" };
        using (var svg = XmlWriter.Create(builder, settings))
        {
            svg.WriteStartElement("svg", SvgNamespace);
            Attributes(svg, ("width", Width), ("height", Height));
            svg.WriteAttributeString("viewBox", $"0 0 {Width} {Height}");
            svg.WriteAttributeString("font-family", "sans-serif");
            svg.WriteAttributeString("font-size", "12");
            svg.WriteElementString("title", SvgNamespace, "Watch Monitor memory over cycles");
            svg.WriteStartElement("rect", SvgNamespace);
            Attributes(svg, ("width", Width), ("height", Height));
            svg.WriteAttributeString("fill", "#ffffff");
            svg.WriteEndElement();

            Text(svg, Left, 24, Title(totals), "start", "16");

            svg.WriteStartElement("g", SvgNamespace);
            svg.WriteAttributeString("id", "y-axis");
            for (var value = 0.0; value <= yMax + (yStep / 2); value += yStep)
            {
                Line(svg, Left, Y(value), Left + PlotWidth, Y(value), "#e0e0e0", null);
                Text(svg, Left - 6, Y(value) + 4, value.ToString("0.##", Invariant), "end", null);
            }

            Text(svg, 16, Top + (PlotHeight / 2.0), "MB", "middle", null);
            svg.WriteEndElement();

            svg.WriteStartElement("g", SvgNamespace);
            svg.WriteAttributeString("id", "x-axis");
            var xStep = Math.Max(1, Math.Round(NiceStep(xMax - xMin, 6)));
            for (var cycle = Math.Ceiling(xMin / xStep) * xStep; cycle <= xMax; cycle += xStep)
            {
                Line(svg, X(cycle), Top + PlotHeight, X(cycle), Top + PlotHeight + 5, "#333333", null);
                Text(svg, X(cycle), Top + PlotHeight + 18, cycle.ToString("0", Invariant), "middle", null);
            }

            Line(svg, Left, Top + PlotHeight, Left + PlotWidth, Top + PlotHeight, "#333333", null);
            Line(svg, Left, Top, Left, Top + PlotHeight, "#333333", null);
            Text(svg, Left + (PlotWidth / 2.0), Height - 14, "cycle", "middle", null);
            svg.WriteEndElement();

            svg.WriteStartElement("g", SvgNamespace);
            svg.WriteAttributeString("id", "thresholds");
            Threshold(svg, "warning-threshold", $"warning {options.WarningThresholdMb} MB", Y(options.WarningThresholdMb), WarningColor);
            Threshold(svg, "critical-threshold", $"critical {options.CriticalThresholdMb} MB", Y(options.CriticalThresholdMb), CriticalColor);
            svg.WriteEndElement();

            Series(svg, "resident", ResidentColor, points, point => (X(point.Cycle), Y(point.ResidentMb)));
            Series(svg, "managed", ManagedColor, points, point => (X(point.Cycle), Y(point.ManagedMb)));

            svg.WriteStartElement("g", SvgNamespace);
            svg.WriteAttributeString("id", "legend");
            Line(svg, Left + PlotWidth - 250, 38, Left + PlotWidth - 230, 38, ResidentColor, null);
            Text(svg, Left + PlotWidth - 225, 42, "resident (RSS)", "start", null);
            Line(svg, Left + PlotWidth - 120, 38, Left + PlotWidth - 100, 38, ManagedColor, null);
            Text(svg, Left + PlotWidth - 95, 42, "managed heap", "start", null);
            svg.WriteEndElement();

            if (totals.Rows == 0)
            {
                Text(svg, Left + (PlotWidth / 2.0), Top + (PlotHeight / 2.0), "No readings yet", "middle", "16");
            }

            svg.WriteEndElement();
        }

        return builder.Append('\n').ToString();
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

    private static void Series(XmlWriter svg, string id, string color, List<ChartPoint> points, Func<ChartPoint, (double X, double Y)> position)
    {
        svg.WriteStartElement("polyline", SvgNamespace);
        svg.WriteAttributeString("id", id);
        svg.WriteAttributeString("fill", "none");
        svg.WriteAttributeString("stroke", color);
        svg.WriteAttributeString("stroke-width", "1.5");
        svg.WriteStartAttribute("points");
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = position(points[i]);
            svg.WriteString(string.Create(Invariant, $"{(i == 0 ? "" : " ")}{x:0.#},{y:0.#}"));
        }

        svg.WriteEndAttribute();
        svg.WriteEndElement();
    }

    private static void Threshold(XmlWriter svg, string id, string label, double y, string color)
    {
        Line(svg, Left, y, Left + PlotWidth, y, color, id);
        Text(svg, Left + PlotWidth - 4, y - 4, label, "end", null, color);
    }

    private static void Line(XmlWriter svg, double x1, double y1, double x2, double y2, string color, string? id)
    {
        svg.WriteStartElement("line", SvgNamespace);
        if (id is not null)
        {
            svg.WriteAttributeString("id", id);
            svg.WriteAttributeString("stroke-dasharray", "6 4");
        }

        Attributes(svg, ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2));
        svg.WriteAttributeString("stroke", color);
        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, double x, double y, string text, string anchor, string? fontSize, string? color = null)
    {
        svg.WriteStartElement("text", SvgNamespace);
        Attributes(svg, ("x", x), ("y", y));
        svg.WriteAttributeString("text-anchor", anchor);
        if (fontSize is not null)
        {
            svg.WriteAttributeString("font-size", fontSize);
        }

        if (color is not null)
        {
            svg.WriteAttributeString("fill", color);
        }

        svg.WriteString(text);
        svg.WriteEndElement();
    }

    private static void Attributes(XmlWriter svg, params ReadOnlySpan<(string Name, double Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            svg.WriteAttributeString(name, value.ToString("0.#", Invariant));
        }
    }

    // 1, 2 or 5 times a power of ten, so axis labels read 0, 100, 200 … instead of 0, 113.4, 226.8 ….
    private static double NiceStep(double range, int ticks)
    {
        var raw = Math.Max(range, 1e-9) / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        return magnitude * (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10);
    }

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

    private readonly record struct ChartPoint(long Cycle, double ResidentMb, double ManagedMb);

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
