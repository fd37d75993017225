using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace WatchMonitor.Parsing;

/// <summary>
/// CSS selectors parsed once. <c>element.QuerySelector("figure a")</c> parses its selector text on every call, which
/// on a 600-card page was thousands of parses per page; a static selector is parsed when its class loads.
/// </summary>
internal static class CssSelector
{
    private static readonly CssSelectorParser Parser = new();

    public static ISelector Parse(string text) =>
        Parser.ParseSelector(text) ?? throw new ArgumentException($"'{text}' is not a valid CSS selector.", nameof(text));

    /// <summary>The first descendant of <paramref name="scope"/> that matches, in document order, as <c>QuerySelector</c>.</summary>
    public static IElement? First(this IParentNode? scope, ISelector selector) =>
        scope is INode node ? node.ChildNodes.QuerySelector(selector) : null;

    /// <summary>Every descendant of <paramref name="scope"/> that matches, in document order, as <c>QuerySelectorAll</c>.</summary>
    public static IHtmlCollection<IElement> All(this INode scope, ISelector selector)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.ChildNodes.QuerySelectorAll(selector);
    }
}
