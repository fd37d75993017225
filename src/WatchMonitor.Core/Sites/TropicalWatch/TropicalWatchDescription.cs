using AngleSharp.Dom;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.TropicalWatch;

internal sealed record TropicalWatchDescription(string? Accessories, IReadOnlyList<string> ConditionParts)
{
    private const string AccessoriesLabel = "accessories:";

    private static readonly string[] ConditionLabels = ["case:", "dial:", "bracelet:", "movement:", "condition:"];

    public static TropicalWatchDescription Read(IParentNode document)
    {
        string? accessories = null;
        var conditionParts = new List<string>();
        // <div class="watch-main-description"><p><strong>Dial:</strong> Glossy gilt dial …</p></div>
        var description = document.QuerySelector("div.watch-main-description");
        foreach (var paragraph in description?.QuerySelectorAll("p") ?? Enumerable.Empty<IElement>())
        {
            var text = ElementText.Of(paragraph);
            // <strong>Accessories:</strong>
            var label = paragraph.QuerySelector("strong") is { } strong ? ElementText.Of(strong).ToLowerInvariant() : null;
            if (label is not null && label.Contains(AccessoriesLabel, StringComparison.Ordinal))
            {
                accessories = text.ToLowerInvariant().Replace(AccessoriesLabel, "", StringComparison.Ordinal).Trim();
            }
            else if ((label is null || ConditionLabels.Any(l => label.Contains(l, StringComparison.Ordinal))) && text.Length > 0)
            {
                conditionParts.Add(text);
            }
        }

        return new TropicalWatchDescription(accessories, conditionParts);
    }
}
