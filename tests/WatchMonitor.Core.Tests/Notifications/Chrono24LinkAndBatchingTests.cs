using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Discord;

namespace WatchMonitor.Core.Tests.Notifications;

public sealed class Chrono24LinkAndBatchingTests
{
    [Theory]
    [InlineData("A. Lange & Söhne", "Datograph", "403.035", "A.+Lange+%26+S%C3%B6hne+Datograph+403.035")]
    [InlineData("Rolex", "Rolex Daytona", null, "Rolex+Daytona")]
    [InlineData("Rolex", "rolex", null, "Rolex")]
    [InlineData(null, null, null, "")]
    [InlineData(null, "GMT-Master II", "126710BLRO", "GMT-Master+II+126710BLRO")]
    public void For_Parts_EncodesLikeFormData(string? brand, string? model, string? reference, string query) =>
        Assert.Equal($"https://www.chrono24.de/search/index.htm?dosearch=true&query={query}&sortorder=1", Chrono24Link.For(brand, model, reference));

    [Theory]
    [InlineData(3, 100, 3)]
    [InlineData(25, 100, 10)]
    [InlineData(10, 700, 8)]
    [InlineData(1, 7000, 1)]
    [InlineData(0, 100, 0)]
    public void CountFittingInOneMessage_Embeds_RespectsTenAnd6000(int embedCount, int charactersEach, int expected)
    {
        var embeds = Enumerable.Range(0, embedCount).Select(_ => new DiscordEmbed { Title = new string('t', charactersEach) }).ToList();

        Assert.Equal(expected, DiscordMessageBatcher.CountFittingInOneMessage(embeds));
    }

    [Theory]
    [InlineData("https://discord.com/api/webhooks/123456789012/abcdefTOKEN", "https://discord.com/api/webhooks/1234…/***")]
    [InlineData("http://127.0.0.1:5000/api/webhooks/42/secret", "http://127.0.0.1:5000/api/webhooks/42/***")]
    [InlineData("https://example.com/hook?token=abc", "https://example.com/***")]
    [InlineData("not a url with secret", "***")]
    [InlineData(null, "(none)")]
    public void MaskWebhook_Urls_HideToken(string? url, string expected)
    {
        var masked = SecretMasker.MaskWebhook(url);

        Assert.Equal(expected, masked);
        Assert.DoesNotContain("TOKEN", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SurrogatePairAtCut_DoesNotSplitIt()
    {
        var value = new string('a', 9) + "😀" + "bbbb";

        var fitted = DiscordLimits.Fit(value, 11);

        Assert.Equal(new string('a', 9) + "…", fitted);
    }
}
