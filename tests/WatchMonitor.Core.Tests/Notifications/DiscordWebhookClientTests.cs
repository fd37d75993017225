using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Notifications.Discord;

namespace WatchMonitor.Core.Tests.Notifications;

public sealed class DiscordWebhookClientTests
{
    private static readonly DiscordMessage Message = new([new DiscordEmbed { Title = "Rolex" }]);

    [Theory]
    [InlineData(HttpStatusCode.OK, WebhookPostOutcome.Delivered)]
    [InlineData(HttpStatusCode.NoContent, WebhookPostOutcome.Delivered)]
    [InlineData(HttpStatusCode.BadRequest, WebhookPostOutcome.Rejected)]
    [InlineData(HttpStatusCode.NotFound, WebhookPostOutcome.WebhookGone)]
    [InlineData(HttpStatusCode.Unauthorized, WebhookPostOutcome.WebhookGone)]
    [InlineData(HttpStatusCode.InternalServerError, WebhookPostOutcome.TransientFailure)]
    [InlineData(HttpStatusCode.BadGateway, WebhookPostOutcome.TransientFailure)]
    public async Task PostAsync_Status_Classifies(HttpStatusCode status, WebhookPostOutcome expected)
    {
        var client = ClientAnswering(_ => new HttpResponseMessage(status) { Content = new StringContent("{\"message\":\"x\"}") });

        var result = await client.PostAsync("https://discord.test/api/webhooks/1/t", Message, CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public async Task PostAsync_RateLimited_ReadsFractionalRetryAfterAndGlobal()
    {
        var client = ClientAnswering(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("{\"message\":\"You are being rate limited.\",\"retry_after\":0.35,\"global\":true}"),
            };
            response.Headers.Add("X-RateLimit-Reset-After", "0.5");
            return response;
        });

        var result = await client.PostAsync("https://discord.test/api/webhooks/1/t", Message, CancellationToken.None);

        Assert.Equal(WebhookPostOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(0.35), result.RetryAfter);
        Assert.True(result.IsGlobalRateLimit);
    }

    [Fact]
    public async Task PostAsync_RateLimitWithoutBody_UsesResetAfterHeader()
    {
        var client = ClientAnswering(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("") };
            response.Headers.Add("X-RateLimit-Reset-After", "1.25");
            return response;
        });

        var result = await client.PostAsync("https://discord.test/api/webhooks/1/t", Message, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1.25), result.RetryAfter);
    }

    [Fact]
    public async Task PostAsync_Success_SendsWaitTrueEmbedsAndNoMentions()
    {
        HttpRequestMessage? seen = null;
        string? body = null;
        var client = ClientAnswering(request =>
        {
            seen = request;
            body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"id\":\"1\"}") };
            response.Headers.Add("X-RateLimit-Remaining", "0");
            response.Headers.Add("X-RateLimit-Reset-After", "0.8");
            return response;
        });

        var result = await client.PostAsync("https://discord.test/api/webhooks/1/t?thread_id=9", Message, CancellationToken.None);

        Assert.Equal("https://discord.test/api/webhooks/1/t?thread_id=9&wait=true", seen!.RequestUri!.ToString());
        Assert.Equal("{\"embeds\":[{\"title\":\"Rolex\",\"color\":0,\"fields\":[]}],\"allowed_mentions\":{\"parse\":[]}}", body);
        Assert.Equal(0, result.RemainingInWindow);
        Assert.Equal(TimeSpan.FromSeconds(0.8), result.WindowResetAfter);
    }

    [Fact]
    public async Task PostAsync_NetworkError_IsTransient()
    {
        var client = ClientAnswering(_ => throw new HttpRequestException("connection refused"));

        var result = await client.PostAsync("https://discord.test/api/webhooks/1/t", Message, CancellationToken.None);

        Assert.Equal(WebhookPostOutcome.TransientFailure, result.Outcome);
    }

    private static DiscordWebhookClient ClientAnswering(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new HttpClient(new StubHandler(answer)), NullLogger<DiscordWebhookClient>.Instance);

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
