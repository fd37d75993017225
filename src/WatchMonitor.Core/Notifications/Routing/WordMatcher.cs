namespace WatchMonitor.Notifications.Routing;

/// <summary>
/// Whole-word, case-insensitive phrase matching: a text and a phrase are cut into runs of letters and digits, and the
/// phrase's words must appear one after the other. "GMT Master" matches "Rolex GMT-Master II", "Sub" does not
/// match "Submariner".
/// </summary>
internal static class WordMatcher
{
    public static string[] Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return [.. words];
    }

    public static bool HasWords(string phrase) => Words(phrase).Length > 0;

    public static bool Contains(string[] textWords, string[] phraseWords)
    {
        if (phraseWords.Length == 0 || phraseWords.Length > textWords.Length)
        {
            return false;
        }

        for (var start = 0; start <= textWords.Length - phraseWords.Length; start++)
        {
            if (textWords.AsSpan(start, phraseWords.Length).SequenceEqual(phraseWords))
            {
                return true;
            }
        }

        return false;
    }
}
