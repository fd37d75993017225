namespace WatchMonitor.Parsing;

/// <summary>Whether papers and box come with the watch; negatives read as negatives (docs/parsing-rules.md#box-and-papers).</summary>
public static class BoxPapersParser
{
    private static readonly string[] FullSet =
        ["box and paper", "box und papier", "box & papier", "fullset", "full set", "box & papers", "box, papiere", "box + papiere"];

    private static readonly string[] NoAccessories = ["accessories: none", "accessories:none", "accessories: no", "lieferumfang: keine"];

    private static readonly string[] PapersNo =
    [
        "papers: no", "papiere: nein", "ohne papiere", "original-papiere: nein", "ohne zertifikat", "no papers",
        "without papers", "papers: none", "keine papiere", "ohne originalpapiere", "ohne original papiere",
    ];

    private static readonly string[] PapersYes =
    [
        "papers: yes", "papiere: ja", "original-papiere: ja", "originalzertifikat", "zertifikat vorhanden", "mit papieren",
        "original papieren", "mit zertifikat", "papiere vorhanden", "service karte", "servicekarte", "garantiekarte",
        "certificate", "papiere", "papers", "warranty card",
    ];

    private static readonly string[] BoxNo =
    [
        "box: no", "box: nein", "ohne box", "original-box: nein", "ohne originalbox", "ohne original box",
        "ohne originalverpackung", "no box", "without box", "box: none", "keine box",
    ];

    private static readonly string[] BoxYes =
    [
        "box: yes", "box: ja", "original-box: ja", "original box", "originalbox", "mit box", "originalverpackung",
        "box vorhanden",
    ];

    /// <summary>"Box: ja, Papiere: nein" → (papers false, box true); empty text → (null, null).</summary>
    public static (bool? HasPapers, bool? HasBox) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var lower = text.ToLowerInvariant();
        if (ContainsAny(lower, NoAccessories))
        {
            return (false, false);
        }

        if (FindAny(lower, FullSet) is { } fullSet)
        {
            // "ohne Box und Papieren" negates the whole set.
            return IsNegated(lower, fullSet) ? (false, false) : (true, true);
        }

        bool? papers = ContainsAny(lower, PapersNo) ? false : ContainsAny(lower, PapersYes) ? true : null;
        bool? box = ContainsAny(lower, BoxNo) ? false
            : ContainsAny(lower, BoxYes) || lower.Contains("box", StringComparison.Ordinal) ? true
            : null;
        return (papers, box);
    }

    private static int? FindAny(string text, string[] needles)
    {
        foreach (var needle in needles)
        {
            var index = text.IndexOf(needle, StringComparison.Ordinal);
            if (index >= 0)
            {
                return index;
            }
        }

        return null;
    }

    private static bool IsNegated(string text, int index)
    {
        var before = text[Math.Max(0, index - 9)..index].TrimEnd();
        return before.EndsWith("ohne", StringComparison.Ordinal) || before.EndsWith("without", StringComparison.Ordinal)
            || before.EndsWith("keine", StringComparison.Ordinal) || before.EndsWith("no", StringComparison.Ordinal);
    }

    private static bool ContainsAny(string text, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
