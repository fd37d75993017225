using AngleSharp.Dom;

namespace WatchMonitor.Parsing;

/// <summary>Element text of SITES.md §3.1: trimmed text nodes joined with one space.</summary>
public static class ElementText
{
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

        var parts = new List<string>();
        Collect(node, parts);
        return string.Join(' ', parts);
    }

    /// <summary>Like <see cref="Of"/>, but null when the element is missing or its text is empty.</summary>
    public static string? OrNull(INode? node)
    {
        var text = Of(node);
        return text.Length == 0 ? null : text;
    }

    private static void Collect(INode node, List<string> parts)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    var trimmed = text.Data.Trim();
                    if (trimmed.Length > 0)
                    {
                        parts.Add(trimmed);
                    }

                    break;
                case IElement element when IsExcluded(element):
                    break;
                case IElement:
                    Collect(child, parts);
                    break;
            }
        }
    }

    private static bool IsExcluded(IElement element) =>
        element.LocalName is "script" or "style" or "template" or "noscript";
}
