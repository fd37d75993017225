using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WatchMonitor.Listings;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.Selectors;

namespace WatchMonitor.Cli;

/// <summary>
/// What <c>watchmon try</c> found on a listing page: the listings, how often each field is filled, the cards that gave
/// no listing and why, and the first problem.
/// </summary>
internal sealed class TryReport(string siteKey, string source, ListingPage listings, SelectorMatches? selectors)
{
    private const int MaxRows = 50;

    // The fields an alert shows, in the order they are reported; title counts only when it is not the placeholder.
    private static readonly (string Name, Func<Listing, bool> Filled)[] Fields =
    [
        ("title", l => l.Title != Listing.UnknownTitle),
        ("brand", l => l.Brand is not null),
        ("model", l => l.Model is not null),
        ("reference", l => l.Reference is not null),
        ("price", l => l.Price is not null),
        ("image", l => l.ImageUrl is not null),
        ("year", l => l.Year is not null),
        ("condition", l => l.Condition is not null),
        ("caseMaterial", l => l.CaseMaterial is not null),
        ("diameter", l => l.Diameter is not null),
        ("box", l => l.HasBox is not null),
        ("papers", l => l.HasPapers is not null),
    ];

    // Fields whose gaps are worth naming as the first problem, most important first.
    private static readonly string[] KeyFields = ["title", "price", "brand", "image"];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IReadOnlyList<Listing> Listings => listings;

    /// <summary>Field name → listings that have it.</summary>
    public IReadOnlyDictionary<string, int> Filled { get; } = Fields.ToDictionary(field => field.Name, field => listings.Count(field.Filled), StringComparer.Ordinal);

    /// <summary>Cards on the page that gave no listing, by reason: ("could not be parsed (…)", 3), ("sold", 1), ("no link", 2).</summary>
    public IReadOnlyList<(string Reason, int Count)> Skipped { get; } = SkippedCards(listings, selectors);

    /// <summary>"Price selector matched 0 of 24 cards", or null when nothing looks wrong.</summary>
    public string? FirstProblem => SelectorProblem() ?? FieldProblem();

    public void WriteTable(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{siteKey}: {listings.Count} listings from {source} (nothing saved, nothing alerted)"));
        output.WriteLine();
        output.WriteLine($"{"#",3}  {"brand",-18} {"model",-32} {"reference",-14} {"price",12}  {"img",-3}  url");
        foreach (var (listing, index) in listings.Take(MaxRows).Select((listing, index) => (listing, index + 1)))
        {
            output.WriteLine(string.Create(c,
                $"{index,3}  {Cut(listing.Brand, 18),-18} {Cut(listing.Model ?? listing.Title, 32),-32} {Cut(listing.Reference, 14),-14} {listing.PriceDisplay ?? "-",12}  {(listing.ImageUrl is null ? "no" : "yes"),-3}  {listing.Url}"));
        }

        if (listings.Count > MaxRows)
        {
            output.WriteLine(string.Create(c, $"     … {listings.Count - MaxRows} more (--json shows all)"));
        }

        output.WriteLine();
        output.WriteLine("fill rate per field:");
        foreach (var (name, filled) in Filled)
        {
            output.WriteLine(string.Create(c, $"  {name,-13} {filled,4} of {listings.Count,-4} {Percent(filled),5}"));
        }

        output.WriteLine();
        output.WriteLine(Skipped.Count == 0 ? "skipped cards: none" : "skipped cards:");
        foreach (var (reason, count) in Skipped)
        {
            output.WriteLine(string.Create(c, $"  {count} card{(count == 1 ? "" : "s")} skipped: {reason}"));
        }

        if (selectors is not null)
        {
            output.WriteLine();
            output.WriteLine(string.Create(c, $"selectors: Card matched {selectors.Cards} element(s)"));
            foreach (var (name, matched) in selectors.MatchedCards)
            {
                output.WriteLine(string.Create(c, $"  {name,-13} matched in {matched} of {selectors.Cards} cards"));
            }
        }

        output.WriteLine();
        output.WriteLine("first problem: " + (FirstProblem ?? "none found"));
    }

    public void WriteJson(Stream output)
    {
        using var writer = new Utf8JsonWriter(output, JsonOptions);
        writer.WriteStartObject();
        writer.WriteString("site", siteKey);
        writer.WriteString("source", source);
        writer.WriteNumber("count", listings.Count);
        writer.WriteStartObject("filled");
        foreach (var (name, filled) in Filled)
        {
            writer.WriteNumber(name, filled);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("skipped");
        foreach (var (reason, count) in Skipped)
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", count);
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (selectors is not null)
        {
            writer.WriteStartObject("selectors");
            writer.WriteNumber("Card", selectors.Cards);
            foreach (var (name, matched) in selectors.MatchedCards)
            {
                writer.WriteNumber(name, matched);
            }

            writer.WriteEndObject();
        }

        writer.WriteString("firstProblem", FirstProblem);
        writer.WriteStartArray("listings");
        foreach (var listing in listings)
        {
            ListingJsonWriter.Write(writer, listing);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private string? SelectorProblem()
    {
        if (selectors is null)
        {
            return null;
        }

        if (selectors.Cards == 0)
        {
            return "Card selector matched no element: open the page in the browser and check Selectors:Card with document.querySelectorAll(…)";
        }

        foreach (var (name, matched) in selectors.MatchedCards.Where(pair => pair.Key != SelectorSet.Sold))
        {
            if (matched == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} selector matched 0 of {selectors.Cards} cards");
            }
        }

        return null;
    }

    private string? FieldProblem()
    {
        if (listings.AllFailed)
        {
            return string.Create(CultureInfo.InvariantCulture, $"every card that looked like a listing failed to parse ({listings.SkippedCount}); the first: {listings.FirstSkipped!.Describe()}");
        }

        if (listings.Count == 0)
        {
            return "no listings: the page loaded but nothing on it reads as a listing (a bot check, a login wall, another page, or the wrong platform)";
        }

        foreach (var name in KeyFields)
        {
            var missing = listings.Count - Filled[name];
            if (missing > 0)
            {
                var why = name == "price" ? " (price on request, or a price text that could not be read)" : "";
                return string.Create(CultureInfo.InvariantCulture, $"{name} missing on {missing} of {listings.Count} listings{why}");
            }
        }

        return null;
    }

    private static List<(string Reason, int Count)> SkippedCards(ListingPage page, SelectorMatches? selectors)
    {
        var skipped = new List<(string, int)>();
        if (page.FirstSkipped is { } first)
        {
            skipped.Add(("could not be parsed, the first: " + first.Describe(), page.SkippedCount));
        }

        if (selectors is not null)
        {
            if (selectors.MatchedCards.TryGetValue(SelectorSet.Link, out var linked) && selectors.Cards > linked)
            {
                skipped.Add(("no link (the Link selector found no href in them)", selectors.Cards - linked));
            }

            if (selectors.MatchedCards.TryGetValue(SelectorSet.Sold, out var sold) && sold > 0)
            {
                skipped.Add(("sold (the Sold selector matched)", sold));
            }
        }

        return skipped;
    }

    private string Percent(int filled) =>
        listings.Count == 0 ? "-" : (filled * 100 / listings.Count).ToString(CultureInfo.InvariantCulture) + "%";

    private static string Cut(string? text, int width) =>
        text is null ? "-" : text.Length <= width ? text : text[..(width - 1)] + "…";
}
