using AngleSharp.Css.Dom;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.Platforms.Selectors;

/// <summary>
/// The CSS selectors that describe a shop's listing page (and optionally its detail page), parsed once at start.
/// Names are those of the configuration keys under <c>Sites:&lt;key&gt;:Selectors</c>.
/// </summary>
public sealed class SelectorSet
{
    public const string Card = "Card";
    public const string Link = "Link";
    public const string Title = "Title";
    public const string Price = "Price";
    public const string Image = "Image";
    public const string Sold = "Sold";
    public const string DetailReference = "Detail:Reference";
    public const string DetailYear = "Detail:Year";
    public const string DetailCondition = "Detail:Condition";
    public const string DetailCaseMaterial = "Detail:CaseMaterial";
    public const string DetailDiameter = "Detail:Diameter";
    public const string DetailDescription = "Detail:Description";

    /// <summary>Selectors every selectors site needs.</summary>
    public static IReadOnlyList<string> RequiredNames { get; } = [Card, Link, Title, Price];

    /// <summary>Every selector name, in the order <c>watchmon try</c> reports them.</summary>
    public static IReadOnlyList<string> AllNames { get; } =
        [Card, Link, Title, Price, Image, Sold, DetailReference, DetailYear, DetailCondition, DetailCaseMaterial, DetailDiameter, DetailDescription];

    /// <summary>The detail-page selectors.</summary>
    public static IReadOnlyList<string> DetailNames { get; } = [.. AllNames.Where(name => name.StartsWith("Detail:", StringComparison.Ordinal))];

    private readonly Dictionary<string, (string Text, ISelector Selector)> _selectors;

    private SelectorSet(Dictionary<string, (string Text, ISelector Selector)> selectors) => _selectors = selectors;

    /// <summary>The configured selector texts by name, e.g. "Card" → "li.product".</summary>
    public IReadOnlyDictionary<string, string> Texts => _selectors.ToDictionary(pair => pair.Key, pair => pair.Value.Text, StringComparer.Ordinal);

    /// <summary>Whether any detail-page selector is set, i.e. whether detail pages are worth fetching.</summary>
    public bool HasDetail => DetailNames.Any(_selectors.ContainsKey);

    /// <summary>The parsed selector, or null when it is not configured.</summary>
    public ISelector? this[string name] => _selectors.TryGetValue(name, out var entry) ? entry.Selector : null;

    /// <summary>
    /// Parses <paramref name="texts"/> (names matched case-insensitively, "Detail:Year" or "Detail__Year"); every
    /// problem goes to <paramref name="errors"/>, each naming <paramref name="keyPrefix"/> + the selector's name.
    /// </summary>
    /// <returns>The set, or null when a selector is missing, unknown or does not parse.</returns>
    public static SelectorSet? Parse(IEnumerable<KeyValuePair<string, string?>> texts, string keyPrefix, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var selectors = new Dictionary<string, (string, ISelector)>(StringComparer.Ordinal);
        foreach (var (rawName, rawText) in texts)
        {
            var name = AllNames.FirstOrDefault(known => string.Equals(known, rawName.Replace("__", ":", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            var text = rawText?.Trim();
            if (name is null)
            {
                errors.Add($"{keyPrefix}{rawName} is no selector name. Use one of: {string.Join(", ", AllNames)}.");
            }
            else if (!string.IsNullOrEmpty(text))
            {
                try
                {
                    selectors[name] = (text, CssSelector.Parse(text));
                }
                catch (ArgumentException)
                {
                    errors.Add($"{keyPrefix}{name}='{text}' is not a valid CSS selector: check it in the browser console with document.querySelectorAll('{text}').");
                }
            }
        }

        foreach (var name in RequiredNames.Where(name => !selectors.ContainsKey(name) && !HasError(errors, before, keyPrefix + name)))
        {
            errors.Add($"{keyPrefix}{name} is missing: a selectors site needs {string.Join(", ", RequiredNames)} (see docs/adding-a-dealer.md).");
        }

        return errors.Count == before ? new SelectorSet(selectors) : null;
    }

    private static bool HasError(List<string> errors, int from, string key) =>
        errors.Skip(from).Any(error => error.StartsWith(key + "=", StringComparison.Ordinal));
}
