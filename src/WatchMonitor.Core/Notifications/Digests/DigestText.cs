using WatchMonitor.Notifications.Events;

namespace WatchMonitor.Notifications.Digests;

/// <summary>A digest's matches as lines of text within a channel's length limit (docs/notifications.md#digests).</summary>
public static class DigestText
{
    /// <summary>The budget that every text channel holds, MarkdownV2 escaping included.</summary>
    public const int TextChannelLength = 1900;

    /// <summary>"Rolex Submariner | 16610 · €12.500 · World of Time · https://…" per line, then "and N more" if cut.</summary>
    public static string Render(IReadOnlyList<DigestLine> entries, int more, int maxLength) => Render(entries, more, maxLength, out _);

    /// <param name="shown">How many of <paramref name="entries"/>, from the first, the text lists.</param>
    public static string Render(IReadOnlyList<DigestLine> entries, int more, int maxLength, out int shown)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lines = new List<string>(entries.Count);
        var length = 0;
        for (var index = 0; index < entries.Count; index++)
        {
            var line = Line(entries[index]);
            var left = entries.Count - index - 1 + more;
            var reserve = left > 0 ? MoreLine(left).Length + 1 : 0;
            if (length + line.Length + 1 + reserve > maxLength && !(left == 0 && length + line.Length <= maxLength))
            {
                shown = index;
                lines.Add(MoreLine(entries.Count - index + more));
                return string.Join('\n', lines);
            }

            lines.Add(line);
            length += line.Length + 1;
        }

        shown = entries.Count;
        if (more > 0)
        {
            lines.Add(MoreLine(more));
        }

        return string.Join('\n', lines);
    }

    public static string Line(DigestLine entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Join(" · ", new[] { entry.Title, entry.Price ?? "Price on request", entry.Dealer, entry.Link });
    }

    private static string MoreLine(int count) => $"and {count} more";
}
