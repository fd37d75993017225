using System.Text.Json;

namespace WatchMonitor.Sites.Platforms;

/// <summary>Reading a shop's JSON feed, where a login wall or an error page may stand in for the JSON.</summary>
internal static class PlatformJson
{
    /// <summary>JSON starts with "{" or "[" after whitespace and a byte-order mark.</summary>
    public static bool LooksLikeJson(string text)
    {
        var start = text.AsSpan().TrimStart().TrimStart('\uFEFF').TrimStart();
        return start.Length > 0 && start[0] is '{' or '[';
    }

    /// <exception cref="PageFormatException">The text is not JSON; the message names <paramref name="what"/>.</exception>
    public static JsonDocument Parse(string text, string what)
    {
        if (!LooksLikeJson(text))
        {
            throw new PageFormatException($"{what} is not JSON (an HTML page, a login wall or an error page came back instead).");
        }

        try
        {
            return JsonDocument.Parse(text.AsMemory().TrimStart('\uFEFF'));
        }
        catch (JsonException exception)
        {
            throw new PageFormatException($"{what} is not valid JSON ({exception.Message}).", exception);
        }
    }
}
