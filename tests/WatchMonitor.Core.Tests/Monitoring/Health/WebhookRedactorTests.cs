using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Core.Tests.Monitoring.Health;

public sealed class WebhookRedactorTests
{
    [Theory]
    [InlineData("timed out", "timed out")]
    [InlineData("POST https://discord.com/api/webhooks/123456789/abcDEF failed", "POST https://discord.com/api/webhooks/1234…/*** failed")]
    [InlineData("'https://discordapp.com/api/webhooks/987654321/x-y_z?wait=true'", "'https://discordapp.com/api/webhooks/9876…/***'")]
    [InlineData("http://127.0.0.1:5000/api/webhooks/1/t and https://ptb.discord.com/api/webhooks/22/u", "http://127.0.0.1:5000/api/webhooks/1/*** and https://ptb.discord.com/api/webhooks/22/***")]
    [InlineData("https://www.grimmeissen.de/de/uhren returned 503", "https://www.grimmeissen.de/de/uhren returned 503")]
    public void Redact_Text_MasksWebhookUrlsOnly(string text, string expected)
    {
        Assert.Equal(expected, WebhookRedactor.Redact(text));
    }
}
