using System.Text;

namespace WatchMonitor.Parsing;

/// <summary>Python's title case (docs/parsing-rules.md#title-case), which TextInfo.ToTitleCase does not match.</summary>
public static class TextCase
{
    /// <summary>"116610ln" → "116610Ln", "gmt-master" → "Gmt-Master".</summary>
    public static string Title(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        var previousIsLetter = false;
        foreach (var c in value)
        {
            var isLetter = char.IsLetter(c);
            builder.Append(isLetter ? (previousIsLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c);
            previousIsLetter = isLetter;
        }

        return builder.ToString();
    }
}
