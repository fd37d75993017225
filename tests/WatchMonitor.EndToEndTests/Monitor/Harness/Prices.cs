using System.Globalization;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>The embed's price text, written independently of the product's formatter (docs/parsing-rules.md#price).</summary>
public static class Prices
{
    private static readonly NumberFormatInfo GermanGrouping = new() { NumberGroupSeparator = ".", NumberGroupSizes = [3] };

    /// <summary>"€12.450": German grouping, no decimals, rounded half to even.</summary>
    public static string Euro(decimal amount) => "€" + Grouped(amount);

    /// <summary>"$12.450", as the embed writes dollars.</summary>
    public static string Dollar(decimal amount) => "$" + Grouped(amount);

    private static string Grouped(decimal amount) =>
        Math.Round(amount, 0, MidpointRounding.ToEven).ToString("#,0", GermanGrouping);
}
