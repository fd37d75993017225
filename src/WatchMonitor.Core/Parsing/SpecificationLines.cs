using AngleSharp.Dom;

namespace WatchMonitor.Parsing;

// Lines end at block elements, <br> and line breaks: the element text would make one line of
// "<p>Referenz: 116610LN</p><p>Jahr: 2019</p>", as it did in the Python monitor.
internal static class SpecificationLines
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
    };

    public static IReadOnlyList<string> Of(INode body)
    {
        var builder = new LineBuilder();
        Walk(body, builder);
        builder.EndLine();
        return builder.Lines;
    }

    private static void Walk(INode node, LineBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    AddText(text.Data, builder);
                    break;
                case IElement { LocalName: "script" or "style" or "template" or "noscript" }:
                    break;
                case IElement { LocalName: "br" }:
                    builder.EndLine();
                    break;
                case IElement element when BlockElements.Contains(element.LocalName):
                    builder.EndLine();
                    Walk(element, builder);
                    builder.EndLine();
                    break;
                case IElement element:
                    Walk(element, builder);
                    break;
            }
        }
    }

    private static void AddText(string data, LineBuilder builder)
    {
        var segments = data.Split('\n');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                builder.EndLine();
            }

            builder.Add(segments[i].Trim());
        }
    }

    private sealed class LineBuilder
    {
        private readonly List<string> _parts = [];

        public List<string> Lines { get; } = [];

        public void Add(string part)
        {
            if (part.Length > 0)
            {
                _parts.Add(part);
            }
        }

        public void EndLine()
        {
            if (_parts.Count > 0)
            {
                Lines.Add(string.Join(' ', _parts));
                _parts.Clear();
            }
        }
    }
}
