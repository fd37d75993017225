using System.Text;
using AngleSharp.Dom;

namespace WatchMonitor.Parsing;

/// <summary>Trimmed text nodes joined with one space (docs/parsing-rules.md#element-text).</summary>
public static class ElementText
{
    // One builder per thread, reused by every call (pages are parsed concurrently); a huge text is not kept.
    private const int MaxKeptCapacity = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? _builder;

    /// <summary>&lt;b&gt;Rolex&lt;/b&gt;Daytona → "Rolex Daytona". Script and style content is excluded.</summary>
    public static string Of(INode? node)
    {
        if (node is null)
        {
            return "";
        }

        if (node is IText single)
        {
            return single.Data.Trim();
        }

        var builder = _builder ??= new StringBuilder();
        builder.Clear();
        Collect(node, builder);
        var text = builder.ToString();
        if (builder.Capacity > MaxKeptCapacity)
        {
            _builder = null;
        }

        return text;
    }

    /// <summary>Like <see cref="Of"/>, but null when the element is missing or its text is empty.</summary>
    public static string? OrNull(INode? node)
    {
        var text = Of(node);
        return text.Length == 0 ? null : text;
    }

    private static void Collect(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    var trimmed = text.Data.AsSpan().Trim();
                    if (!trimmed.IsEmpty)
                    {
                        if (builder.Length > 0)
                        {
                            builder.Append(' ');
                        }

                        builder.Append(trimmed);
                    }

                    break;
                case IElement element when IsExcluded(element):
                    break;
                case IElement:
                    Collect(child, builder);
                    break;
            }
        }
    }

    private static bool IsExcluded(IElement element) =>
        element.LocalName is "script" or "style" or "template" or "noscript";
}
