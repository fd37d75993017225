using System.Globalization;
using System.Text;
using System.Xml;

namespace WatchMonitor.Soak.Report;

/// <summary>
/// <c>soak.svg</c>: resident and managed memory against the cycle number in two panels sharing the x axis, the
/// upper against the design's limits (200, 300, 400 MB at 1 h, 24 h, 7 d), the lower zoomed to the data so a slope
/// shows. At most <see cref="MaxPoints"/> points per line: each point is the highest reading of its bucket of samples.
/// </summary>
internal static class SoakChart
{
    public const int MaxPoints = 2000;

    private const int Width = 960;
    private const int Left = 76;
    private const int Right = 120;
    private const int PanelHeight = 250;
    private const int TitleHeight = 64;
    private const int Gap = 56;
    private const int PlotWidth = Width - Left - Right;
    private const int Height = TitleHeight + PanelHeight + Gap + PanelHeight + 92;
    private const string Svg = "http://www.w3.org/2000/svg";
    private const string ResidentColor = "#0072b2";
    private const string ManagedColor = "#009e73";
    private const string CollectedColor = "#d55e00";
    private const string LimitColor = "#cc79a7";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(IReadOnlyList<SoakRow> rows, SoakSummary summary)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(summary);
        var regular = rows.Where(row => !row.Forced).ToList();
        var collected = rows.Where(row => row.Forced).ToList();
        var resident = Downsample(regular, row => row.Memory.ResidentBytes);
        var managed = Downsample(regular, row => row.Memory.GcHeapBytes);
        var afterCollection = Downsample(collected, row => row.Memory.GcHeapBytes);
        var xMax = Math.Max(1, summary.CompletedCycles);
        var dataMax = resident.Concat(managed).Concat(afterCollection).Select(point => point.Mb).DefaultIfEmpty(1).Max();

        var builder = new StringBuilder(64 * 1024);
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n" };
        using (var svg = XmlWriter.Create(builder, settings))
        {
            svg.WriteStartElement("svg", Svg);
            Attributes(svg, ("width", Width), ("height", Height), ("viewBox", $"0 0 {Width} {Height}"), ("font-family", "sans-serif"), ("font-size", 12));
            Rectangle(svg, 0, 0, Width, Height, "white");
            Text(svg, Left, 24, $"Watch Monitor soak, {summary.Date}: {summary.CompletedCycles:N0} cycles of 6 sites, {summary.Options.Churn} new + {summary.Options.Reprices} re-priced per site per cycle", 15, "start", "bold");
            Text(svg, Left, 44, $"steady resident median {summary.Resident.SteadyMedianMb:F1} MB, peak {summary.Resident.PeakProcessMb:F1} MB; slopes after warm-up: resident {summary.Resident.SlopeKbPerCycle:F3} KB/cycle, managed after collection {summary.Managed.PostCollectionSlopeKbPerCycle:F3} KB/cycle", 12, "start", null);

            var upper = new Panel(TitleHeight, Math.Max(450, Nice(dataMax * 1.1)), xMax);
            var lower = new Panel(TitleHeight + PanelHeight + Gap, Nice(dataMax * 1.15), xMax);
            DrawPanel(svg, upper, summary, "against the design's limits", limits: true);
            DrawPanel(svg, lower, summary, "zoomed to the readings", limits: false);
            foreach (var panel in new[] { upper, lower })
            {
                Line(svg, panel, resident, ResidentColor, dashed: false);
                Line(svg, panel, managed, ManagedColor, dashed: false);
                Line(svg, panel, afterCollection, CollectedColor, dashed: true);
                foreach (var point in afterCollection.Count <= 200 ? afterCollection : [])
                {
                    Circle(svg, panel.X(point.Cycle), panel.Y(point.Mb), 2.5, CollectedColor);
                }
            }

            Text(svg, Left + (PlotWidth / 2), Height - 46, $"cycle (one cycle stands for {SoakOptions.Interval.TotalMinutes:F0} minutes of service)", 13, "middle", null);
            Legend(svg, Height - 14);
            svg.WriteEndElement();
        }

        return builder.ToString();
    }

    private static void DrawPanel(XmlWriter svg, Panel panel, SoakSummary summary, string caption, bool limits)
    {
        Rectangle(svg, Left, panel.Top, PlotWidth, PanelHeight, "#fafafa");
        var warmUpRight = panel.X(summary.WarmUp.Cycles);
        Rectangle(svg, Left, panel.Top, Math.Max(0, warmUpRight - Left), PanelHeight, "#eeeeee");
        Text(svg, Left + 4, panel.Top + 14, "warm-up", 11, "start", null, "#777777");

        var yStep = Step(panel.YMax, 5);
        for (var mb = 0.0; mb <= panel.YMax + 1e-9; mb += yStep)
        {
            var y = panel.Y(mb);
            Segment(svg, Left, y, Left + PlotWidth, y, "#dddddd", 1, null);
            Text(svg, Left - 6, y + 4, mb.ToString(yStep < 1 ? "0.0" : "0", Invariant), 11, "end", null);
        }

        var xStep = Step(panel.XMax, 8);
        for (var cycle = 0.0; cycle <= panel.XMax + 1e-9; cycle += xStep)
        {
            var x = panel.X(cycle);
            Segment(svg, x, panel.Top + PanelHeight, x, panel.Top + PanelHeight + 5, "#333333", 1, null);
            Text(svg, x, panel.Top + PanelHeight + 18, cycle.ToString("N0", Invariant), 11, "middle", null);
        }

        foreach (var (name, cycle, limitMb) in SoakSummary.DesignCheckpoints)
        {
            if (cycle <= panel.XMax)
            {
                var x = panel.X(cycle);
                Segment(svg, x, panel.Top, x, panel.Top + PanelHeight, "#999999", 1, "2 4");
                Text(svg, x + 3, panel.Top + PanelHeight - 6, name, 10, "start", null, "#777777");
            }

            if (limits)
            {
                var y = panel.Y(limitMb);
                Segment(svg, Left, y, Left + PlotWidth, y, LimitColor, 1.5, "6 4");
                Text(svg, Left + PlotWidth + 6, y + 4, $"{limitMb:F0} MB ({name} limit)", 11, "start", null, LimitColor);
            }
        }

        Segment(svg, Left, panel.Top, Left, panel.Top + PanelHeight, "#333333", 1, null);
        Segment(svg, Left, panel.Top + PanelHeight, Left + PlotWidth, panel.Top + PanelHeight, "#333333", 1, null);
        Text(svg, Left + PlotWidth, panel.Top - 6, caption, 11, "end", null, "#555555");
        // The y-axis title, rotated along the axis.
        svg.WriteStartElement("text", Svg);
        var centre = panel.Top + (PanelHeight / 2);
        Attributes(svg, ("x", 18), ("y", centre), ("font-size", 12), ("text-anchor", "middle"), ("transform", $"rotate(-90 18 {centre})"));
        svg.WriteString("memory (MB)");
        svg.WriteEndElement();
    }

    private static void Legend(XmlWriter svg, double y)
    {
        var x = (double)Left;
        foreach (var (label, color, dashed) in new[]
        {
            ("resident (RSS, as ps shows it)", ResidentColor, false),
            ("managed heap (GC, uncollected garbage included)", ManagedColor, false),
            ("managed heap after a forced full collection", CollectedColor, true),
        })
        {
            Segment(svg, x, y - 4, x + 24, y - 4, color, 2.5, dashed ? "5 3" : null);
            Text(svg, x + 30, y, label, 12, "start", null);
            x += 40 + (label.Length * 6.4);
        }
    }

    private static List<ChartPoint> Downsample(List<SoakRow> rows, Func<SoakRow, long> bytes)
    {
        var bucket = Math.Max(1, (rows.Count + MaxPoints - 1) / MaxPoints);
        var points = new List<ChartPoint>(Math.Min(rows.Count, MaxPoints));
        for (var start = 0; start < rows.Count; start += bucket)
        {
            var end = Math.Min(rows.Count, start + bucket);
            var peak = rows.Skip(start).Take(end - start).Max(bytes);
            points.Add(new ChartPoint(rows[start].Cycle, peak / SoakSummary.BytesPerMb));
        }

        return points;
    }

    private static void Line(XmlWriter svg, Panel panel, List<ChartPoint> points, string color, bool dashed)
    {
        if (points.Count == 0)
        {
            return;
        }

        var path = new StringBuilder(points.Count * 16);
        foreach (var point in points)
        {
            path.Append(path.Length == 0 ? "M" : " L")
                .Append(panel.X(point.Cycle).ToString("0.#", Invariant)).Append(',')
                .Append(panel.Y(point.Mb).ToString("0.#", Invariant));
        }

        svg.WriteStartElement("path", Svg);
        Attributes(svg, ("d", path.ToString()), ("fill", "none"), ("stroke", color), ("stroke-width", 1.8));
        if (dashed)
        {
            svg.WriteAttributeString("stroke-dasharray", "5 3");
        }

        svg.WriteEndElement();
    }

    private static double Nice(double value) => Math.Max(1, Math.Ceiling(value / Step(value, 5)) * Step(value, 5));

    // 1, 2 or 5 times a power of ten, giving about `ticks` steps over `range`.
    private static double Step(double range, int ticks)
    {
        var raw = Math.Max(range, 1e-9) / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        return magnitude * (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10);
    }

    private static void Rectangle(XmlWriter svg, double x, double y, double width, double height, string fill)
    {
        svg.WriteStartElement("rect", Svg);
        Attributes(svg, ("x", x), ("y", y), ("width", width), ("height", height), ("fill", fill));
        svg.WriteEndElement();
    }

    private static void Circle(XmlWriter svg, double x, double y, double radius, string fill)
    {
        svg.WriteStartElement("circle", Svg);
        Attributes(svg, ("cx", x), ("cy", y), ("r", radius), ("fill", fill));
        svg.WriteEndElement();
    }

    private static void Segment(XmlWriter svg, double x1, double y1, double x2, double y2, string stroke, double width, string? dash)
    {
        svg.WriteStartElement("line", Svg);
        Attributes(svg, ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", stroke), ("stroke-width", width));
        if (dash is not null)
        {
            svg.WriteAttributeString("stroke-dasharray", dash);
        }

        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, double x, double y, string text, int size, string anchor, string? weight, string? fill = null)
    {
        svg.WriteStartElement("text", Svg);
        Attributes(svg, ("x", x), ("y", y), ("font-size", size), ("text-anchor", anchor));
        if (weight is not null)
        {
            svg.WriteAttributeString("font-weight", weight);
        }

        if (fill is not null)
        {
            svg.WriteAttributeString("fill", fill);
        }

        svg.WriteString(text);
        svg.WriteEndElement();
    }

    private static void Attributes(XmlWriter svg, params ReadOnlySpan<(string Name, object Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            svg.WriteAttributeString(name, value switch
            {
                double number => number.ToString("0.##", Invariant),
                int number => number.ToString(Invariant),
                _ => value.ToString(),
            });
        }
    }

    private readonly record struct ChartPoint(long Cycle, double Mb);

    private readonly record struct Panel(double Top, double YMax, double XMax)
    {
        public double X(double cycle) => Left + (cycle / XMax * PlotWidth);

        public double Y(double mb) => Top + PanelHeight - (Math.Min(mb, YMax) / YMax * PanelHeight);
    }
}
