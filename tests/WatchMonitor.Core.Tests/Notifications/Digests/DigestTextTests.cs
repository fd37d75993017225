using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Channels.Telegram;
using WatchMonitor.Notifications.Digests;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Events;

namespace WatchMonitor.Core.Tests.Notifications.Digests;

public sealed class DigestTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_FewEntries_ListsEachOnItsOwnLine()
    {
        var text = DigestText.Render([Line(1), Line(2)], more: 0, DiscordLimits.DescriptionLength);

        Assert.Equal(
            "Rolex Submariner | 1 · €10.001 · World of Time · https://example.test/1\nRolex Submariner | 2 · €10.002 · World of Time · https://example.test/2",
            text);
    }

    [Fact]
    public void Render_TooManyForTheLimit_EndsWithHowManyMore()
    {
        var entries = Enumerable.Range(1, 500).Select(Line).ToList();

        var text = DigestText.Render(entries, more: 7, 4096, out var shown);

        Assert.True(text.Length <= 4096, $"{text.Length} characters");
        Assert.InRange(shown, 40, 499);
        Assert.EndsWith($"and {500 - shown + 7} more", text, StringComparison.Ordinal);
        Assert.Equal(shown + 1, text.Split('\n').Length);
    }

    [Fact]
    public void Compose_NoEntries_IsNothingToSend() =>
        Assert.Null(DigestComposer.Compose("daily", [], dropped: 0, Now));

    [Fact]
    public void Compose_ManyEntries_FitsDiscordAndEveryTextChannel()
    {
        var digest = DigestComposer.Compose("daily", [.. Enumerable.Range(1, 500).Select(Line)], dropped: 3, Now)!;

        Assert.Equal(EventKinds.Digest, digest.Kind);
        Assert.Equal("daily: 503 matches today", digest.Title);
        Assert.Equal(503, digest.Entries!.Count + digest.More);
        var embed = new ListingEmbedBuilder(TimeProvider.System).Build(digest);
        Assert.True(embed.Description!.Length <= DiscordLimits.DescriptionLength);
        Assert.EndsWith($"and {digest.More} more", embed.Description, StringComparison.Ordinal);
        var summary = NotificationText.Summary(digest);
        Assert.True(summary.Length <= DigestText.TextChannelLength);
        Assert.EndsWith(" more", summary, StringComparison.Ordinal);
        Assert.True(TelegramSender.Caption(digest).Length <= 4096);
    }

    private static DigestLine Line(int number) =>
        new($"Rolex Submariner | {number}", $"€10.{number:000}", "World of Time", $"https://example.test/{number}");
}
