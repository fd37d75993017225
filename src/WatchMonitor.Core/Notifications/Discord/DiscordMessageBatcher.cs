namespace WatchMonitor.Notifications.Discord;

/// <summary>Groups embeds into messages within Discord's limits, so a burst of new watches is a few requests.</summary>
public static class DiscordMessageBatcher
{
    /// <summary>How many of <paramref name="embeds"/>, from the start, fit into one message (at least one).</summary>
    public static int CountFittingInOneMessage(IReadOnlyList<DiscordEmbed> embeds)
    {
        ArgumentNullException.ThrowIfNull(embeds);
        var characters = 0;
        var count = 0;
        while (count < embeds.Count && count < DiscordLimits.EmbedsPerMessage)
        {
            characters += embeds[count].CharacterCount;
            if (count > 0 && characters > DiscordLimits.CharactersPerMessage)
            {
                break;
            }

            count++;
        }

        return Math.Max(count, Math.Min(1, embeds.Count));
    }
}
