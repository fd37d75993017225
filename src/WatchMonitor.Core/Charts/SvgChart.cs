using System.Globalization;
using System.Text;
using System.Xml;

namespace WatchMonitor.Charts;

/// <summary>
/// The one line chart of the product: the memory profile's report, the soak report and the dashboard draw their
/// memory with it. Panels are stacked and share the x axis; each has its lines, horizontal limits (thresholds) and
/// vertical marks (checkpoints). The output is standalone SVG that also works inline in HTML.
/// </summary>
public sealed class SvgChart
{
    private const string Svg = "http://www.w3.org/2000/svg";
    private const double PanelGap = 56;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public int Width { get; init; } = 960;

    public int Left { get; init; } = 72;

    /// <summary>Room right of the plot; from 100 on, limit labels are written there instead of above their line.</summary>
    public int Right { get; init; } = 24;

    /// <summary>Shown to screen readers and as a tooltip.</summary>
    public required string Title { get; init; }

    /// <summary>Lines written above the plots, the first in bold; none leaves the space out.</summary>
    public IReadOnlyList<string> Heading { get; init; } = [];

    public string? XAxisTitle { get; init; }

    public required IReadOnlyList<ChartPanel> Panels { get; init; }

    /// <summary>The id of the root element, so a page can style or find it.</summary>
    public string? Id { get; init; }

    private double PlotWidth => Width - Left - Right;

    private double HeadingHeight => Heading.Count == 0 ? 16 : 24 + (Heading.Count * 20);

    public double Height => HeadingHeight + Panels.Sum(panel => panel.Height) + (PanelGap * (Panels.Count - 1)) + 36 + (XAxisTitle is null ? 0 : 22) + 24;

    public string Render()
    {
        var builder = new StringBuilder(16 * 1024 + Panels.Sum(panel => panel.Series.Sum(series => series.Points.Count * 14)));
        using (var writer = new StringWriter(builder, Invariant))
        {
            Write(writer);
        }

        return builder.Append('\n').ToString();
    }

    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n", ConformanceLevel = ConformanceLevel.Fragment };
        using var svg = XmlWriter.Create(output, settings);
        svg.WriteStartElement("svg", Svg);
        if (Id is not null)
        {
            svg.WriteAttributeString("id", Id);
        }

        Attributes(svg, ("width", Width), ("height", Height));
        svg.WriteAttributeString("viewBox", string.Create(Invariant, $"0 0 {Width} {Height:0.#}"));
        svg.WriteAttributeString("font-family", "sans-serif");
        svg.WriteAttributeString("font-size", "12");
        svg.WriteAttributeString("role", "img");
        svg.WriteElementString("title", Svg, Title);
        Rectangle(svg, 0, 0, Width, Height, "#ffffff");
        for (var i = 0; i < Heading.Count; i++)
        {
            Text(svg, Left, 24 + (i * 20), Heading[i], i == 0 ? 15 : 12, "start", i == 0 ? "bold" : null);
        }

        var top = HeadingHeight;
        foreach (var panel in Panels)
        {
            DrawPanel(svg, panel, top);
            top += panel.Height + PanelGap;
        }

        var bottom = top - PanelGap + 36;
        if (XAxisTitle is not null)
        {
            Text(svg, Left + (PlotWidth / 2), bottom + 8, XAxisTitle, 13, "middle", null);
            bottom += 22;
        }

        Legend(svg, bottom + 14);
        svg.WriteEndElement();
    }

    private void DrawPanel(XmlWriter svg, ChartPanel panel, double top)
    {
        var scale = new Scale(Left, top, PlotWidth, panel);
        svg.WriteStartElement("g", Svg);
        Rectangle(svg, Left, top, PlotWidth, panel.Height, "#fafafa");
        if (panel.ShadeUntil is { } shade && shade > panel.XMin)
        {
            Rectangle(svg, Left, top, Math.Max(0, scale.X(shade) - Left), panel.Height, "#eeeeee");
            if (panel.ShadeLabel is not null)
            {
                Text(svg, Left + 4, top + 14, panel.ShadeLabel, 11, "start", null, "#777777");
            }
        }

        var yStep = NiceStep(panel.YMax, 5);
        svg.WriteStartElement("g", Svg);
        svg.WriteAttributeString("class", "y-axis");
        for (var value = 0.0; value <= panel.YMax + (yStep / 1000); value += yStep)
        {
            Segment(svg, null, Left, scale.Y(value), Left + PlotWidth, scale.Y(value), "#e0e0e0", 1, null);
            Text(svg, Left - 6, scale.Y(value) + 4, value.ToString(yStep < 1 ? "0.0" : "0", Invariant), 11, "end", null);
        }

        svg.WriteEndElement();
        svg.WriteStartElement("g", Svg);
        svg.WriteAttributeString("class", "x-axis");
        var xStep = panel.XStep ?? NiceStep(panel.XMax - panel.XMin, 8);
        for (var x = Math.Ceiling(panel.XMin / xStep) * xStep; x <= panel.XMax + (xStep / 1000); x += xStep)
        {
            Segment(svg, null, scale.X(x), top + panel.Height, scale.X(x), top + panel.Height + 5, "#333333", 1, null);
            Text(svg, scale.X(x), top + panel.Height + 18, panel.XTickLabel(x), 11, "middle", null);
        }

        svg.WriteEndElement();
        foreach (var mark in panel.Marks.Where(mark => mark.At >= panel.XMin && mark.At <= panel.XMax))
        {
            Segment(svg, mark.Id, scale.X(mark.At), top, scale.X(mark.At), top + panel.Height, mark.Color, 1, "2 4");
            Text(svg, scale.X(mark.At) + 3, top + panel.Height - 6, mark.Label, 10, "start", null, "#777777");
        }

        foreach (var limit in panel.Limits)
        {
            var y = scale.Y(limit.At);
            Segment(svg, limit.Id, Left, y, Left + PlotWidth, y, limit.Color, 1.5, "6 4");
            if (Right >= 100)
            {
                Text(svg, Left + PlotWidth + 6, y + 4, limit.Label, 11, "start", null, limit.Color);
            }
            else
            {
                Text(svg, Left + PlotWidth - 4, y - 4, limit.Label, 11, "end", null, limit.Color);
            }
        }

        Segment(svg, null, Left, top, Left, top + panel.Height, "#333333", 1, null);
        Segment(svg, null, Left, top + panel.Height, Left + PlotWidth, top + panel.Height, "#333333", 1, null);
        if (panel.Caption is not null)
        {
            Text(svg, Left + PlotWidth, top - 6, panel.Caption, 11, "end", null, "#555555");
        }

        svg.WriteStartElement("text", Svg);
        var centre = top + (panel.Height / 2);
        Attributes(svg, ("x", 18), ("y", centre), ("font-size", 12));
        svg.WriteAttributeString("text-anchor", "middle");
        svg.WriteAttributeString("transform", string.Create(Invariant, $"rotate(-90 18 {centre:0.#})"));
        svg.WriteString(panel.YAxisTitle);
        svg.WriteEndElement();

        foreach (var series in panel.Series)
        {
            // Ids must be unique in a document: with several panels the class alone names a line.
            Polyline(svg, series, scale, Panels.Count == 1 ? series.Id : null);
        }

        if (panel.Series.All(series => series.Points.Count == 0) && panel.EmptyText is not null)
        {
            Text(svg, Left + (PlotWidth / 2), top + (panel.Height / 2), panel.EmptyText, 16, "middle", null);
        }

        svg.WriteEndElement();
    }

    private void Legend(XmlWriter svg, double y)
    {
        svg.WriteStartElement("g", Svg);
        svg.WriteAttributeString("class", "legend");
        var x = (double)Left;
        foreach (var series in Panels.SelectMany(panel => panel.Series).DistinctBy(series => series.Label))
        {
            Segment(svg, null, x, y - 4, x + 24, y - 4, series.Color, 2.5, series.Dashed ? "5 3" : null);
            Text(svg, x + 30, y, series.Label, 12, "start", null);
            x += 44 + (series.Label.Length * 6.4);
        }

        svg.WriteEndElement();
    }

    private static void Polyline(XmlWriter svg, ChartSeries series, Scale scale, string? id)
    {
        if (series.Points.Count == 0)
        {
            return;
        }

        svg.WriteStartElement("polyline", Svg);
        if (id is not null)
        {
            svg.WriteAttributeString("id", id);
        }

        svg.WriteAttributeString("class", series.Id);
        svg.WriteAttributeString("fill", "none");
        svg.WriteAttributeString("stroke", series.Color);
        svg.WriteAttributeString("stroke-width", "1.8");
        if (series.Dashed)
        {
            svg.WriteAttributeString("stroke-dasharray", "5 3");
        }

        svg.WriteStartAttribute("points");
        for (var i = 0; i < series.Points.Count; i++)
        {
            var point = series.Points[i];
            svg.WriteString(string.Create(Invariant, $"{(i == 0 ? "" : " ")}{scale.X(point.X):0.#},{scale.Y(point.Y):0.#}"));
        }

        svg.WriteEndAttribute();
        svg.WriteEndElement();
        if (series.Markers && series.Points.Count <= 200)
        {
            foreach (var point in series.Points)
            {
                svg.WriteStartElement("circle", Svg);
                Attributes(svg, ("cx", scale.X(point.X)), ("cy", scale.Y(point.Y)), ("r", 2.5));
                svg.WriteAttributeString("fill", series.Color);
                svg.WriteEndElement();
            }
        }
    }

    /// <summary>A round upper bound for an axis: 1, 2 or 5 times a power of ten, times a whole number.</summary>
    public static double NiceCeiling(double value) => Math.Max(1, Math.Ceiling(value / NiceStep(value, 5)) * NiceStep(value, 5));

    // 1, 2 or 5 times a power of ten, so axis labels read 0, 100, 200 … instead of 0, 113.4, 226.8 ….
    internal static double NiceStep(double range, int ticks)
    {
        var raw = Math.Max(range, 1e-9) / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        return magnitude * (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10);
    }

    private static void Rectangle(XmlWriter svg, double x, double y, double width, double height, string fill)
    {
        svg.WriteStartElement("rect", Svg);
        Attributes(svg, ("x", x), ("y", y), ("width", width), ("height", height));
        svg.WriteAttributeString("fill", fill);
        svg.WriteEndElement();
    }

    private static void Segment(XmlWriter svg, string? id, double x1, double y1, double x2, double y2, string stroke, double width, string? dash)
    {
        svg.WriteStartElement("line", Svg);
        if (id is not null)
        {
            svg.WriteAttributeString("id", id);
        }

        Attributes(svg, ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke-width", width));
        svg.WriteAttributeString("stroke", stroke);
        if (dash is not null)
        {
            svg.WriteAttributeString("stroke-dasharray", dash);
        }

        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, double x, double y, string text, int size, string anchor, string? weight, string? fill = null)
    {
        svg.WriteStartElement("text", Svg);
        Attributes(svg, ("x", x), ("y", y), ("font-size", size));
        svg.WriteAttributeString("text-anchor", anchor);
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

    private static void Attributes(XmlWriter svg, params ReadOnlySpan<(string Name, double Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            svg.WriteAttributeString(name, value.ToString("0.#", Invariant));
        }
    }

    private readonly record struct Scale(double Left, double Top, double PlotWidth, ChartPanel Panel)
    {
        public double X(double x) => Left + ((x - Panel.XMin) / Math.Max(Panel.XMax - Panel.XMin, 1e-9) * PlotWidth);

        public double Y(double y) => Top + Panel.Height - (Math.Clamp(y, 0, Panel.YMax) / Panel.YMax * Panel.Height);
    }
}

/// <summary>One plot of a <see cref="SvgChart"/>: y from 0 to <see cref="YMax"/>, x from <see cref="XMin"/> to <see cref="XMax"/>.</summary>
public sealed record ChartPanel
{
    public double Height { get; init; } = 360;

    public double XMin { get; init; }

    public required double XMax { get; init; }

    public required double YMax { get; init; }

    /// <summary>Distance between x ticks; null picks a round one for about 8 ticks.</summary>
    public double? XStep { get; init; }

    public Func<double, string> XTickLabel { get; init; } = x => x.ToString("N0", CultureInfo.InvariantCulture);

    public string YAxisTitle { get; init; } = "MB";

    /// <summary>Small text above the plot's right end.</summary>
    public string? Caption { get; init; }

    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    /// <summary>Horizontal dashed lines at a y value (thresholds, limits).</summary>
    public IReadOnlyList<ChartRule> Limits { get; init; } = [];

    /// <summary>Vertical dotted lines at an x value (checkpoints).</summary>
    public IReadOnlyList<ChartRule> Marks { get; init; } = [];

    /// <summary>A grey band from the left edge to this x (a warm-up); null draws none.</summary>
    public double? ShadeUntil { get; init; }

    public string? ShadeLabel { get; init; }

    /// <summary>Written across the plot when no series has a point.</summary>
    public string? EmptyText { get; init; }
}

/// <summary>One line; <see cref="Id"/> names the polyline so tests and pages can find it.</summary>
public sealed record ChartSeries(string Id, string Label, string Color, IReadOnlyList<ChartPoint> Points)
{
    public bool Dashed { get; init; }

    /// <summary>Draw a dot on each point (up to 200 points).</summary>
    public bool Markers { get; init; }
}

public readonly record struct ChartPoint(double X, double Y);

/// <param name="Id">The line's id (e.g. warning-threshold); null for none.</param>
/// <param name="At">The y value of a limit, the x value of a mark.</param>
public sealed record ChartRule(string? Id, double At, string Label, string Color);
