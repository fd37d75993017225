using WatchMonitor.Parsing;

namespace WatchMonitor.Core.Tests.Parsing;

public sealed class BoxPapersAndConditionTests
{
    [Theory]
    [InlineData("Full Set", true, true)]
    [InlineData("Box und Papieren", true, true)]
    [InlineData("Box & Papers, 2019", true, true)]
    [InlineData("Original-Papiere: ja (2015), Original-Box: ja", true, true)]
    [InlineData("Mit Papieren, ohne Box", true, false)]
    [InlineData("Garantiekarte", true, null)]
    [InlineData("Nur Box", null, true)]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    [InlineData("Servicenachweis", null, null)]
    // Python monitor defect 8 (docs/python-monitor.md): the Python monitor reads these negatives as positives.
    [InlineData("Papiere: nein", false, null)]
    [InlineData("ohne Papiere", false, null)]
    [InlineData("papers: no, box: yes", false, true)]
    [InlineData("ohne Originalbox", null, false)]
    [InlineData("Box: nein, Papiere: ja", true, false)]
    [InlineData("Accessories: none", false, false)]
    [InlineData("ohne Box und Papieren", false, false)]
    [InlineData("ohne Box und Papiere", false, false)]
    [InlineData("Box und Papiere vorhanden", true, true)]
    [InlineData("Without full set", false, false)]
    [InlineData("accessories:none", false, false)]
    public void BoxPapers_Texts_ReadYesNoUnknown(string? text, bool? papers, bool? box) =>
        Assert.Equal((papers, box), BoxPapersParser.Parse(text));

    [Theory]
    [InlineData("Ungetragen, mit Schutzfolie", ConditionRater.FiveStars)]
    [InlineData("New old stock", ConditionRater.FiveStars)]
    [InlineData("Zustand: neu ", ConditionRater.FiveStars)]
    [InlineData("Excellent condition", ConditionRater.FourStars)]
    [InlineData("Sehr guter Zustand", ConditionRater.FourStars)]
    [InlineData("Guter Zustand", ConditionRater.ThreeStars)]
    [InlineData("Leichte Gebrauchsspuren", ConditionRater.ThreeStars)]
    [InlineData("Sichtbare Gebrauchsspuren", ConditionRater.TwoStars)]
    [InlineData("Deutliche Gebrauchsspuren", ConditionRater.OneStar)]
    [InlineData("Signs of wear on the bezel", ConditionRater.OneStar)]
    [InlineData("Unworn", ConditionRater.FiveStars)]
    [InlineData("see photos", null)]
    [InlineData("", null)]
    // Python monitor defect 9 (docs/python-monitor.md): "near mint" is not "mint", and "nos" inside a word is no keyword.
    [InlineData("Near mint", ConditionRater.FourStars)]
    [InlineData("Diagnose: Revision fällig, Gebrauchsspuren", ConditionRater.OneStar)]
    [InlineData("worn strap, otherwise unworn", ConditionRater.FiveStars)]
    public void Condition_Keywords_GiveStars(string text, string? expected) =>
        Assert.Equal(expected, ConditionRater.Rate(text));

    [Fact]
    public void Condition_GradeMap_WinsForExactKey()
    {
        var grades = new Dictionary<string, string>(StringComparer.Ordinal) { ["1"] = ConditionRater.FourStars };

        Assert.Equal(ConditionRater.FourStars, ConditionRater.Rate("1", grades));
        Assert.Equal(ConditionRater.FiveStars, ConditionRater.Rate("mint", grades));
    }
}
