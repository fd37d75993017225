namespace WatchMonitor.Soak.Report;

internal static class Statistics
{
    /// <summary>The value below which <paramref name="percent"/> % of the values lie (nearest rank); NaN when empty.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>The least-squares slope of y over x; NaN with fewer than two distinct x.</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return double.NaN;
        }

        var meanX = points.Average(point => point.X);
        var meanY = points.Average(point => point.Y);
        double covariance = 0, variance = 0;
        foreach (var (x, y) in points)
        {
            covariance += (x - meanX) * (y - meanY);
            variance += (x - meanX) * (x - meanX);
        }

        return variance == 0 ? double.NaN : covariance / variance;
    }
}
