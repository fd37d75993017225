using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Core.Tests.Notifications.Routing;

public sealed class DestinationAddressTests
{
    private const string BotToken = "123456789:AAEhBP0av28PJk9yHxLBT_secret-part";

    public static TheoryData<string, DestinationKind, string, string?> Valid => new()
    {
        { "https://discord.com/api/webhooks/1234567890/abcDEF_secret", DestinationKind.Discord, "https://discord.com/api/webhooks/***", "https://discord.com/api/webhooks/1234567890/abcDEF_secret" },
        { "https://discord.com/api/webhooks/1234567890/abcDEF_secret/", DestinationKind.Discord, "https://discord.com/api/webhooks/***", "https://discord.com/api/webhooks/1234567890/abcDEF_secret/" },
        { "https://discord.com/api/v10/webhooks/1234567890/abcDEF_secret", DestinationKind.Discord, "https://discord.com/api/webhooks/***", "https://discord.com/api/v10/webhooks/1234567890/abcDEF_secret" },
        { "HTTPS://Discord.com/api/webhooks/1234567890/abcDEF_secret?thread_id=77", DestinationKind.Discord, "https://discord.com/api/webhooks/***", "https://discord.com/api/webhooks/1234567890/abcDEF_secret?thread_id=77" },
        { "http://127.0.0.1:5055/api/webhooks/1/secret", DestinationKind.Discord, "http://127.0.0.1:5055/api/webhooks/***", "http://127.0.0.1:5055/api/webhooks/1/secret" },
        { "ntfys://ntfy.sh/watch_alerts", DestinationKind.Ntfy, "ntfys://ntfy.sh/***", "https://ntfy.sh/watch_alerts" },
        { "ntfy://ntfy.example.org/watch_alerts", DestinationKind.Ntfy, "ntfy://ntfy.example.org/***", "http://ntfy.example.org/watch_alerts" },
        { "ntfy://127.0.0.1:8080/watch_alerts", DestinationKind.Ntfy, "ntfy://127.0.0.1:8080/***", "http://127.0.0.1:8080/watch_alerts" },
        { "ntfys://example.org:8443/ntfy/watch-alerts/", DestinationKind.Ntfy, "ntfys://example.org:8443/***", "https://example.org:8443/ntfy/watch-alerts" },
        { "NTFYS://NTFY.SH/Watch_Alerts?token=tk_secret", DestinationKind.Ntfy, "ntfys://ntfy.sh/***", "https://ntfy.sh/Watch_Alerts" },
        { "ntfys://ntfy.sh:443/watch_alerts", DestinationKind.Ntfy, "ntfys://ntfy.sh/***", "https://ntfy.sh/watch_alerts" },
        { "ntfy://ntfy.sh:80/watch_alerts", DestinationKind.Ntfy, "ntfy://ntfy.sh/***", "http://ntfy.sh/watch_alerts" },
        { $"tgram://{BotToken}/-1001234567890", DestinationKind.Telegram, "tgram://***/***", null },
        { $"TGRAM://{BotToken}/@watch_alerts/", DestinationKind.Telegram, "tgram://***/***", null },
        { "https://hooks.slack.com/services/T0001/B0002/slacksecret", DestinationKind.Slack, "https://hooks.slack.com/services/***", "https://hooks.slack.com/services/T0001/B0002/slacksecret" },
        { "HTTPS://HOOKS.SLACK.COM/services/T0001/B0002/slacksecret/", DestinationKind.Slack, "https://hooks.slack.com/services/***", "https://hooks.slack.com/services/T0001/B0002/slacksecret/" },
        { "jsons://example.org/hooks/watch?key=jsonsecret", DestinationKind.Json, "jsons://example.org/***", "https://example.org/hooks/watch?key=jsonsecret" },
        { "json://127.0.0.1:9000/in", DestinationKind.Json, "json://127.0.0.1:9000/***", "http://127.0.0.1:9000/in" },
        { "JSON://Example.org", DestinationKind.Json, "json://example.org/***", "http://example.org/" },
        { "  jsons://example.org/in  ", DestinationKind.Json, "jsons://example.org/***", "https://example.org/in" },
        { "ntfy://[::1]:8080/watch_alerts", DestinationKind.Ntfy, "ntfy://[::1]:8080/***", "http://[::1]:8080/watch_alerts" },
        { "http://[::1]:5055/api/webhooks/1/secret", DestinationKind.Discord, "http://[::1]:5055/api/webhooks/***", "http://[::1]:5055/api/webhooks/1/secret" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidUrl_ReadsKindMaskAndEndpoint(string text, DestinationKind kind, string masked, string? endpoint)
    {
        Assert.True(DestinationAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(kind, address.Kind);
        Assert.Equal(masked, address.Masked);
        Assert.Equal(endpoint, address.Endpoint?.AbsoluteUri);
        Assert.Equal(text.Trim(), address.Url);
        Assert.Matches($"^{DestinationAddress.KindName(kind)}-[0-9a-f]{{12}}$", address.Key);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidUrl_NeverShowsSecretInMaskKeyOrText(string text, DestinationKind kind, string masked, string? endpoint)
    {
        _ = kind;
        _ = masked;
        _ = endpoint;
        Assert.True(DestinationAddress.TryParse(text, out var address, out _));
        foreach (var secret in new[] { "abcDEF_secret", "watch_alerts", "Watch_Alerts", "watch-alerts", "tk_secret", "secret-part", "1001234567890", "slacksecret", "jsonsecret", "hooks/watch" })
        {
            Assert.DoesNotContain(secret, address.Masked, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, address.Key, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, address.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void TryParse_NtfyToken_IsTakenOutOfTheEndpoint()
    {
        Assert.True(DestinationAddress.TryParse("ntfys://ntfy.example.org/base/path/alerts?token=tk_abc%2Bdef", out var address, out _));
        Assert.Equal("tk_abc+def", address.AccessToken);
        Assert.Equal("alerts", address.Topic);
        Assert.Equal("https://ntfy.example.org/base/path/alerts", address.Endpoint!.AbsoluteUri);
    }

    [Fact]
    public void TryParse_NtfyWithoutToken_HasNoAccessToken()
    {
        Assert.True(DestinationAddress.TryParse("ntfy://ntfy.sh/alerts", out var address, out _));
        Assert.Null(address.AccessToken);
        Assert.Equal("alerts", address.Topic);
    }

    [Fact]
    public void TryParse_Telegram_ReadsBotTokenAndChatId()
    {
        Assert.True(DestinationAddress.TryParse($"tgram://{BotToken}/-1001234567890", out var address, out _));
        Assert.Equal(BotToken, address.BotToken);
        Assert.Equal("-1001234567890", address.ChatId);
        Assert.Null(address.Endpoint);
    }

    [Theory]
    [InlineData("https://discord.com/api/webhooks/1/token", "HTTPS://DISCORD.COM/api/webhooks/1/token/")]
    [InlineData("https://discord.com/api/webhooks/1/token", "https://discord.com:443/api/webhooks/1/token")]
    [InlineData("ntfys://ntfy.sh/alerts", "NTFYS://Ntfy.Sh/alerts/")]
    [InlineData("ntfys://ntfy.sh/alerts", "ntfys://ntfy.sh:443/alerts")]
    [InlineData("tgram://1:abc/42", "TGRAM://1:abc/42/")]
    [InlineData("jsons://example.org/in", "jsons://EXAMPLE.org:443/in/")]
    public void Key_SameUrlSpelledDifferently_IsTheSame(string first, string second)
    {
        Assert.True(DestinationAddress.TryParse(first, out var a, out _));
        Assert.True(DestinationAddress.TryParse(second, out var b, out _));
        Assert.Equal(a.Key, b.Key);
    }

    [Fact]
    public void Key_DifferentUrls_AreDistinct()
    {
        string[] urls =
        [
            "https://discord.com/api/webhooks/1/token", "https://discord.com/api/webhooks/1/Token", "https://discord.com/api/webhooks/2/token",
            "ntfys://ntfy.sh/alerts", "ntfy://ntfy.sh/alerts", "ntfys://ntfy.sh/Alerts", "ntfys://ntfy.sh/alerts?token=a", "ntfys://ntfy.sh/other/alerts",
            "tgram://1:abc/42", "tgram://1:abc/43", "https://hooks.slack.com/services/T/B/x", "jsons://example.org/in", "json://example.org/in",
        ];
        var keys = urls.Select(url => DestinationAddress.TryParse(url, out var address, out var error) ? address.Key : throw new InvalidOperationException(error)).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Key_IsPinned()
    {
        // The key names a destination's queue in the database: it must not change between versions.
        Assert.True(DestinationAddress.TryParse("https://discord.com/api/webhooks/1/token", out var address, out _));
        Assert.Equal("discord-" + Sha256Prefix("https://discord.com/api/webhooks/1/token"), address.Key);
        Assert.True(DestinationAddress.TryParse("ntfys://ntfy.sh/alerts", out var ntfy, out _));
        Assert.Equal("ntfy-" + Sha256Prefix("ntfys://ntfy.sh/alerts"), ntfy.Key);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "", "is empty" },
        { "   ", "is empty" },
        { "discord.com/api/webhooks/1/sekrit", "*** is not a URL" },
        { "ftp://example.org/sekrit", "ftp://***: 'ftp' is not a destination scheme" },
        { "https://discord.com/api/webhooks/<id>/<token>", "still holds a placeholder" },
        { "https://example.org/sekrit", "https://example.org/*** is neither a Discord webhook" },
        { "https://discord.com/api/webhooks/1234", "https://discord.com/api/webhooks/*** is not a whole Discord webhook" },
        { "https://discord.com/api/webhooks/abc/sekrit", "is not a whole Discord webhook" },
        { "https://discord.com/api/webhooks/1/sekrit/slack", "is not a whole Discord webhook" },
        { "https://user:sekrit@discord.com/api/webhooks/1/sekrit", "carries a user name or password" },
        { "http://hooks.slack.com/services/T/B/sekrit", "use https" },
        { "https://hooks.slack.com/services/T/sekrit", "is not a Slack webhook" },
        { "https://hooks.slack.com/workflows/T/B/sekrit", "is not a Slack webhook" },
        { "ntfys://ntfy.sh", "ntfys://ntfy.sh/*** has no topic" },
        { "ntfys://ntfy.sh/", "has no topic" },
        { "ntfy:///sekrit", "ntfy://*** is not a valid ntfy URL" },
        { "ntfys://ntfy.sh/sekrit?priority=5", "'priority' is no ntfy URL parameter" },
        { "ntfys://ntfy.sh/sekrit?token=", "?token= is empty" },
        { "ntfys://ntfy.sh/sekrit?token=a&token=b", "?token= is given twice" },
        { "ntfys://ntfy.sh/sek.rit", "the topic may hold only" },
        { "ntfys://me:sekrit@ntfy.sh/sekrit", "carries a user name or password" },
        { "tgram://", "has no bot token" },
        { "tgram://123456:sekrit", "has no chat id" },
        { "tgram://123456:sekrit/", "has no chat id" },
        { "tgram://sekrit/42", "the bot token is not" },
        { "tgram://123456:sekrit/not a chat", "the chat id is not" },
        { "tgram://123456:sekrit/42/43", "the chat id is not" },
        { "tgram://123456:sekrit/42?silent=yes", "has parameters after the chat id" },
        { "json:///sekrit", "json://*** is not a valid URL" },
        { "jsons://me:sekrit@example.org/sekrit", "carries a user name or password" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidUrl_ExplainsWithoutTheSecret(string text, string expected)
    {
        Assert.False(DestinationAddress.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("sekrit", error, StringComparison.Ordinal);
        Assert.DoesNotContain("123456:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSiteWebhook_DiscordWebhook_IsTheParsedDiscordDestination()
    {
        var site = DestinationAddress.ForSiteWebhook("https://discord.com/api/webhooks/1/token");
        Assert.True(DestinationAddress.TryParse("https://discord.com/api/webhooks/1/token", out var parsed, out _));
        Assert.Equal(parsed, site);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook/sekrit", "http://127.0.0.1:5000/***")]
    [InlineData("https://hooks.slack.com/services/T/B/sekrit", "https://hooks.slack.com/***")]
    public void ForSiteWebhook_AnyHttpUrl_StaysDiscordAsBefore(string url, string masked)
    {
        var site = DestinationAddress.ForSiteWebhook(url);
        Assert.NotNull(site);
        Assert.Equal(DestinationKind.Discord, site.Kind);
        Assert.Equal(masked, site.Masked);
        Assert.Equal(url, site.Endpoint!.OriginalString);
        Assert.StartsWith("discord-", site.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("discord.com/api/webhooks/1/a")]
    [InlineData("ntfys://ntfy.sh/topic")]
    public void ForSiteWebhook_NotHttp_IsNull(string url) => Assert.Null(DestinationAddress.ForSiteWebhook(url));

    private static string Sha256Prefix(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
}
