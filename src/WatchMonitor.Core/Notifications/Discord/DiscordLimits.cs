namespace WatchMonitor.Notifications.Discord;

/// <summary>Discord's documented embed limits; a payload beyond them is rejected with 400.</summary>
public static class DiscordLimits
{
    public const int TitleLength = 256;
    public const int DescriptionLength = 4096;
    public const int FieldCount = 25;
    public const int FieldNameLength = 256;
    public const int FieldValueLength = 1024;
    public const int FooterTextLength = 2048;
    public const int EmbedsPerMessage = 10;
    public const int CharactersPerMessage = 6000;

    /// <summary>Cuts <paramref name="value"/> to <paramref name="max"/> characters, ending with "…" when cut.</summary>
    public static string Fit(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= max)
        {
            return value;
        }

        var cut = max - 1;
        // Never split a surrogate pair: Discord counts UTF-16 units but rejects broken emoji.
        if (char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return string.Concat(value.AsSpan(0, cut), "…");
    }
}
