using System.Text.RegularExpressions;
using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WatchOut;

internal static partial class WatchOutDetailPage
{
    private static readonly string[] SpecificationSummaries = ["spezifikation", "specification", "details"];
    private static readonly string[] ConditionWords = ["zustand", "condition"];
    private static readonly string[] ScopeWords = ["lieferumfang", "scope"];
    private static readonly string[] YearKeys = ["jahr", "year"];
    private static readonly string[] ReferenceKeys = ["referenz", "reference", "ref."];
    private static readonly string[] DiameterKeys = ["durchmesser", "diameter"];

    // "Armbandmaterial" and the like name other parts of the watch, not its case.
    private static readonly string[] OtherPartKeys =
        ["armband", "band", "strap", "bracelet", "schließe", "schliesse", "clasp", "lünette", "bezel", "glas", "crystal", "zifferblatt", "dial"];

    public static void Apply(Listing listing, IDocument document)
    {
        var facts = new DetailFacts();
        // <div class="section-stack__intro"> … <div class="metafield-rich_text_field"><div class="prose"><p>Die Uhr …</p>
        var description = ElementText.OrNull(document.QuerySelector("div.section-stack__intro div.metafield-rich_text_field div.prose"));
        if (description is not null)
        {
            facts.Texts.Add(description);
        }

        // <div class="accordion-box"><collapsible-element><summary>Spezifikationen</summary><div id="…">…</div>
        foreach (var section in document.QuerySelectorAll("div.accordion-box collapsible-element"))
        {
            ReadSection(section, facts);
        }

        ApplyFacts(listing, facts);
    }

    private static void ReadSection(IElement section, DetailFacts facts)
    {
        // The toggle inside the section, or of the <details> around it: <summary><span>Zustand</span></summary>
        var summary = (section.QuerySelector("summary") ?? section.Closest("details")?.QuerySelector("summary"))?.TextContent;
        // The panel: <div id="block-accordion-spec" class="accordion__content">
        var body = section.QuerySelector("div[id]");
        if (summary is null || body is null)
        {
            return;
        }

        var title = summary.ToLowerInvariant();
        if (ContainsAny(title, SpecificationSummaries))
        {
            var lines = SpecificationLines.Of(body);
            facts.Texts.AddRange(lines);
            foreach (var (key, value) in KeyValues(lines))
            {
                ReadSpecification(key, value, facts);
            }
        }
        else if (ContainsAny(title, ConditionWords))
        {
            facts.ConditionText ??= AddText(body, facts);
        }
        else if (ContainsAny(title, ScopeWords))
        {
            AddText(body, facts);
        }
    }

    private static string? AddText(IElement body, DetailFacts facts)
    {
        var text = ElementText.OrNull(body);
        if (text is not null)
        {
            facts.Texts.Add(text);
        }

        return text;
    }

    // "Zustand: sehr gut," + "minimale Kratzer" → ("zustand", "sehr gut, minimale Kratzer").
    private static List<(string Key, string Value)> KeyValues(IReadOnlyList<string> lines)
    {
        var entries = new List<(string Key, string Value)>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                entries.Add((line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim()));
            }
            else if (entries.Count > 0)
            {
                var (key, value) = entries[^1];
                entries[^1] = (key, value.Length == 0 ? line : value + " " + line);
            }
        }

        return entries;
    }

    private static void ReadSpecification(string key, string value, DetailFacts facts)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (ContainsAny(key, YearKeys))
        {
            facts.YearText ??= value;
        }
        else if (ContainsAny(key, ReferenceKeys) || key == "ref")
        {
            facts.Reference ??= value;
        }
        else if (ContainsAny(key, DiameterKeys))
        {
            facts.Diameter ??= value;
        }
        else if (key.Contains("material", StringComparison.Ordinal) && (key.Contains("gehäuse", StringComparison.Ordinal) || !ContainsAny(key, OtherPartKeys)))
        {
            facts.CaseMaterial ??= value;
        }
        else if (ContainsAny(key, ConditionWords))
        {
            facts.ConditionText ??= value;
        }
    }

    private static void ApplyFacts(Listing listing, DetailFacts facts)
    {
        if (YearParser.Parse(facts.YearText, listing.Title) is { } year)
        {
            listing.Year = year;
        }

        listing.Reference = facts.Reference ?? listing.Reference;
        listing.CaseMaterial = facts.CaseMaterial ?? listing.CaseMaterial;
        listing.Diameter = facts.Diameter is null ? listing.Diameter : NormalizeDiameter(facts.Diameter);

        var allText = string.Join(' ', facts.Texts);
        var (papers, box) = BoxPapersParser.Parse(allText);
        listing.HasPapers = papers ?? listing.HasPapers;
        listing.HasBox = box ?? listing.HasBox;
        // The stated condition decides; the whole text is read only without one ("neu revisioniert" is not "new").
        listing.Condition = ConditionRater.Rate(facts.ConditionText) ?? ConditionRater.Rate(allText);
    }

    // "40,5 mm" → "40.5mm", "Ø 39 mm" → "39mm".
    private static string NormalizeDiameter(string text)
    {
        var match = Millimetres().Match(text);
        if (!match.Success)
        {
            return text;
        }

        var fraction = match.Groups["fraction"];
        return match.Groups["whole"].Value + (fraction.Success ? "." + fraction.Value : "") + "mm";
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

    // A 1–2 digit size with an optional 1–2 digit fraction: "40 mm", "40,5mm", "38.5 MM" (not the "40" of "140 mm").
    [GeneratedRegex(@"(?<!\d)(?<whole>\d{1,2})(?:[.,](?<fraction>\d{1,2}))?\s*mm", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Millimetres();

    private sealed class DetailFacts
    {
        public List<string> Texts { get; } = [];

        public string? YearText { get; set; }

        public string? Reference { get; set; }

        public string? Diameter { get; set; }

        public string? CaseMaterial { get; set; }

        public string? ConditionText { get; set; }
    }
}
