using System.Globalization;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Core.Tests.Monitoring;

public sealed class LayoutChangeDetectorTests
{
    /// <summary>
    /// Scans: a number is a successful scan with that many listings, x a failed fetch, "n*k" k scans of n.
    /// Expected: one mark per scan, - nothing, F flagged, C cleared.
    /// </summary>
    [Theory]
    [InlineData("stays normal", "40,41,39,40", "----")]
    [InlineData("empty page three times", "40,40,40,0,0,0", "-----F")]
    [InlineData("flag reported once", "40,40,40,0,0,0,0,0", "-----F--")]
    [InlineData("two empty pages are not enough", "40,40,0,0,40", "-----")]
    [InlineData("listings return", "40,40,0,0,0,38", "----FC")]
    [InlineData("clears once, can flag again", "40,0,0,0,40,40,0,0,0", "---FC---F")]
    [InlineData("below a quarter of the median", "40,40,40,9,9,9", "-----F")]
    [InlineData("exactly a quarter is not low", "40,40,40,10,10,10", "------")]
    [InlineData("small dealer dropping is not flagged", "4,4,4,1,1,1", "------")]
    [InlineData("small dealer with an empty page is", "4,4,4,0,0,0", "-----F")]
    [InlineData("empty from the first scan", "0,0,0", "--F")]
    [InlineData("failed fetches do not count", "40,x,x,x,x,x", "------")]
    [InlineData("failed fetches do not reset the streak", "40,0,x,0,x,0", "-----F")]
    [InlineData("a normal scan resets the streak", "40,0,0,40,0,0", "------")]
    [InlineData("median of an even window", "10,30,5,5,5", "-----")]
    [InlineData("median of an even window, below", "10,30,4,4,4", "----F")]
    [InlineData("only the last 10 normal counts count", "100*10,30*10,8,8,8", "-----------------------")]
    [InlineData("a sudden drop stays flagged until counts return", "100*10,10*10", "------------F-------")]
    [InlineData("low counts never become normal", "40,40,40,2*10", "-----F-------")]
    public void Record_Sequence_ReportsTransitions(string scenario, string scans, string expected)
    {
        var detector = new LayoutChangeDetector();

        var marks = string.Concat(Expand(scans).Select(scan => Mark(scan is null
            ? detector.RecordFailure("grimmeissen")
            : detector.RecordSuccess("grimmeissen", scan.Value))));

        Assert.True(expected == marks, $"{scenario}: expected {expected}, got {marks}");
        Assert.Equal(expected.TrimEnd('-').EndsWith('F'), detector.IsSuspected("grimmeissen"));
    }

    [Fact]
    public void RecordSuccess_Flagged_ReportsCountAndTypical()
    {
        var detector = new LayoutChangeDetector();
        foreach (var count in new[] { 38, 40, 42, 1, 2 })
        {
            detector.RecordSuccess("worldoftime", count);
        }

        var result = detector.RecordSuccess("worldoftime", 0);

        Assert.Equal(new LayoutChangeResult("worldoftime", LayoutChangeTransition.Flagged, 0, 40, 3), result);
    }

    [Fact]
    public void RecordSuccess_TwoSites_KeptApart()
    {
        var detector = new LayoutChangeDetector();
        detector.RecordSuccess("a", 40);
        detector.RecordSuccess("b", 40);

        detector.RecordSuccess("a", 0);
        detector.RecordSuccess("a", 0);
        detector.RecordSuccess("b", 40);
        var flagged = detector.RecordSuccess("a", 0);

        Assert.Equal(LayoutChangeTransition.Flagged, flagged.Transition);
        Assert.True(detector.IsSuspected("a"));
        Assert.False(detector.IsSuspected("b"));
        Assert.False(detector.IsSuspected("never-seen"));
    }

    private static IEnumerable<int?> Expand(string scans)
    {
        foreach (var token in scans.Split(','))
        {
            if (token == "x")
            {
                yield return null;
                continue;
            }

            var parts = token.Split('*');
            var repeat = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
            for (var i = 0; i < repeat; i++)
            {
                yield return int.Parse(parts[0], CultureInfo.InvariantCulture);
            }
        }
    }

    private static char Mark(LayoutChangeResult result) => result.Transition switch
    {
        LayoutChangeTransition.Flagged => 'F',
        LayoutChangeTransition.Cleared => 'C',
        _ => '-',
    };
}
