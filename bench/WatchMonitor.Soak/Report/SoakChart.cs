using System.Globalization;
using WatchMonitor.Charts;

namespace WatchMonitor.Soak.Report;

/// <summary>
/// <c>soak.svg</c>: resident and managed memory against the cycle number in two panels sharing the x axis, the
/// upper against the design's limits (200, 300, 400 MB at 1 h, 24 h, 7 d), the lower zoomed to the data so a slope
/// shows. At most <see cref="MaxPoints"/> points per line: each point is the highest reading of its bucket of samples.
/// </summary>
internal static class SoakChart
{
    public const int MaxPoints = 2000;

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
        ChartSeries[] series =
        [
            new("resident", "resident (RSS, as ps shows it)", ResidentColor, Downsample(regular, row => row.Memory.ResidentBytes)),
            new("managed", "managed heap (GC, uncollected garbage included)", ManagedColor, Downsample(regular, row => row.Memory.GcHeapBytes)),
            new("after-collection", "managed heap after a forced full collection", CollectedColor, Downsample(collected, row => row.Memory.GcHeapBytes)) { Dashed = true, Markers = true },
        ];
        var xMax = Math.Max(1, summary.CompletedCycles);
        var dataMax = series.SelectMany(line => line.Points).Select(point => point.Y).DefaultIfEmpty(1).Max();
        ChartRule[] marks = [.. SoakSummary.DesignCheckpoints.Select(checkpoint => new ChartRule(null, checkpoint.Cycle, checkpoint.Name, "#999999"))];
        var panel = new ChartPanel
        {
            Height = 250,
            XMax = xMax,
            YMax = 1,
            YAxisTitle = "memory (MB)",
            Series = series,
            Marks = marks,
            ShadeUntil = summary.WarmUp.Cycles,
            ShadeLabel = "warm-up",
        };
        var chart = new SvgChart
        {
            Left = 76,
            Right = 120,
            Title = "Watch Monitor soak: memory per cycle",
            Heading =
            [
                string.Create(Invariant, $"Watch Monitor soak, {summary.Date}: {summary.CompletedCycles:N0} cycles of 6 sites, {summary.Options.Churn} new + {summary.Options.Reprices} re-priced per site per cycle"),
                string.Create(Invariant, $"steady resident median {summary.Resident.SteadyMedianMb:F1} MB, peak {summary.Resident.PeakProcessMb:F1} MB; slopes after warm-up: resident {summary.Resident.SlopeKbPerCycle:F3} KB/cycle, managed after collection {summary.Managed.PostCollectionSlopeKbPerCycle:F3} KB/cycle"),
            ],
            XAxisTitle = string.Create(Invariant, $"cycle (one cycle stands for {SoakOptions.Interval.TotalMinutes:F0} minutes of service)"),
            Panels =
            [
                panel with
                {
                    YMax = Math.Max(450, SvgChart.NiceCeiling(dataMax * 1.1)),
                    Caption = "against the design's limits",
                    Limits = [.. SoakSummary.DesignCheckpoints.Select(checkpoint => new ChartRule(null, checkpoint.LimitMb, string.Create(Invariant, $"{checkpoint.LimitMb:F0} MB ({checkpoint.Name} limit)"), LimitColor))],
                },
                panel with { YMax = SvgChart.NiceCeiling(dataMax * 1.15), Caption = "zoomed to the readings" },
            ],
        };
        return chart.Render();
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
}
