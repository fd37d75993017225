using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Notifications.Discord;

namespace WatchMonitor.EndToEndTests.DiscordWebhook;

public sealed class FakeDiscordTests
{
    [Fact]
    public async Task Post_ValidEmbed_Answers204WithRateLimitHeadersAndRecordsIt()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.UrlsFor("worldoftime").WebhookUrl, ValidMessage());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("5", Header(response, "X-RateLimit-Limit"));
        Assert.Equal("4", Header(response, "X-RateLimit-Remaining"));
        Assert.True(double.Parse(Header(response, "X-RateLimit-Reset-After")!, CultureInfo.InvariantCulture) is > 0 and <= 2);
        var embed = Assert.Single(server.Discord.Webhook("worldoftime").Embeds);
        Assert.Equal("Rolex Submariner Date | 116610LN", embed.Title);
        Assert.Equal("https://www.worldoftime.de/Watches/1", embed.Url);
        Assert.Equal(3100495, embed.Color);
        Assert.Equal("https://img.example/1.jpg", embed.ImageUrl);
        Assert.Equal("World of Time - Detected: 2026-01-01 12:00:00", embed.FooterText);
        Assert.Equal("**€12.500**", embed.Field("💰 Price:"));
        Assert.True(embed.Fields[^1].Inline);
        Assert.Empty(server.Discord.Webhook("grimmeissen").Messages);
    }

    [Fact]
    public async Task Post_WaitTrue_Answers200WithTheMessage()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.UrlsFor("grimmeissen").WebhookUrl + "?wait=true", ValidMessage());
        using var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(server.Discord.Webhook("grimmeissen").Messages[0].MessageId, message.RootElement.GetProperty("id").GetString());
        Assert.Equal(server.Discord.Webhook("grimmeissen").Id, message.RootElement.GetProperty("webhook_id").GetString());
        Assert.Equal("Rolex Submariner Date | 116610LN", message.RootElement.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    public static TheoryData<string, string, string> InvalidMessages => new()
    {
        { "26 fields", """{"embeds":[{"title":"t","fields":[FIELDS26]}]}""", "\"fields\":{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\",\"message\":\"Must be 25 or fewer in length.\"}]}" },
        { "6001 characters", """{"embeds":[{"title":"TITLE250","description":"DESC4096","fields":[{"name":"NAME255","value":"VALUE1024"},{"name":"n","value":"VALUE375"}]}]}""", "\"MAX_EMBED_SIZE_EXCEEDED\"" },
        { "11 embeds", """{"embeds":[EMBEDS11]}""", "\"embeds\":{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\",\"message\":\"Must be 10 or fewer in length.\"}]}" },
        { "title 257", """{"embeds":[{"title":"TITLE257"}]}""", "\"title\":{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\"" },
        { "description 4097", """{"embeds":[{"description":"DESC4097"}]}""", "\"description\":{\"_errors\"" },
        { "field name 257", """{"embeds":[{"fields":[{"name":"NAME257","value":"v"}]}]}""", "\"name\":{\"_errors\":[{\"code\":\"BASE_TYPE_BAD_LENGTH\"" },
        { "field value 1025", """{"embeds":[{"fields":[{"name":"n","value":"VALUE1025"}]}]}""", "\"value\":{\"_errors\":[{\"code\":\"BASE_TYPE_BAD_LENGTH\"" },
        { "empty field value", """{"embeds":[{"fields":[{"name":"n","value":""}]}]}""", "\"value\":{\"_errors\":[{\"code\":\"BASE_TYPE_BAD_LENGTH\"" },
        { "missing field name", """{"embeds":[{"fields":[{"value":"v"}]}]}""", "\"name\":{\"_errors\":[{\"code\":\"BASE_TYPE_REQUIRED\"" },
        { "footer 2049", """{"embeds":[{"footer":{"text":"FOOTER2049"}}]}""", "\"footer\":{\"text\":{\"_errors\"" },
        { "author 257", """{"embeds":[{"author":{"name":"NAME257"}}]}""", "\"author\":{\"name\":{\"_errors\"" },
        { "content 2001", """{"content":"CONTENT2001"}""", "\"content\":{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\"" },
        { "string color", """{"embeds":[{"title":"t","color":"#2F4F4F"}]}""", "\"color\":{\"_errors\":[{\"code\":\"NUMBER_TYPE_COERCE\"" },
        { "fractional color", """{"embeds":[{"title":"t","color":1.5}]}""", "\"NUMBER_TYPE_COERCE\"" },
        { "color too large", """{"embeds":[{"title":"t","color":16777216}]}""", "\"NUMBER_TYPE_MAX\"" },
        { "relative url", """{"embeds":[{"title":"t","url":"/Watches/1"}]}""", "\"url\":{\"_errors\":[{\"code\":\"URL_TYPE_INVALID_URL\"" },
        { "numeric url", """{"embeds":[{"title":"t","url":5}]}""", "\"url\":{\"_errors\":[{\"code\":\"BASE_TYPE_BAD_TYPE\"" },
        { "image without url", """{"embeds":[{"title":"t","image":{}}]}""", "\"image\":{\"url\":{\"_errors\":[{\"code\":\"BASE_TYPE_REQUIRED\"" },
        { "inline not boolean", """{"embeds":[{"fields":[{"name":"n","value":"v","inline":"yes"}]}]}""", "\"inline\":{\"_errors\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public async Task Post_BeyondDiscordLimits_Answers400InvalidFormBody(string because, string template, string expectedError)
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.UrlsFor("tropicalwatch").WebhookUrl, Expand(template));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.StartsWith("{\"code\":50035,\"message\":\"Invalid Form Body\",\"errors\":{", body, StringComparison.Ordinal);
        Assert.Contains(expectedError, body, StringComparison.Ordinal);
        Assert.Empty(server.Discord.Webhook("tropicalwatch").Messages);
        Assert.Equal(1, server.Discord.Webhook("tropicalwatch").Stats.Rejected);
    }

    [Fact]
    public async Task Post_AtTheLimits_IsAccepted()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var exactly6000 = """{"embeds":[{"title":"TITLE250","description":"DESC4096","fields":[{"name":"NAME255","value":"VALUE1024"},{"name":"n","value":"VALUE374"}]}]}""";
        var tenEmbeds = """{"embeds":[EMBEDS10]}""";
        var twentyFiveFields = """{"embeds":[{"title":"t","fields":[FIELDS25]}]}""";

        using var atSize = await PostAsync(http, server.UrlsFor("tropicalwatch").WebhookUrl, Expand(exactly6000));
        using var atEmbeds = await PostAsync(http, server.UrlsFor("tropicalwatch").WebhookUrl, Expand(tenEmbeds));
        using var atFields = await PostAsync(http, server.UrlsFor("tropicalwatch").WebhookUrl, Expand(twentyFiveFields));

        Assert.Equal(HttpStatusCode.NoContent, atSize.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, atEmbeds.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, atFields.StatusCode);
        Assert.Equal(12, server.Discord.Webhook("tropicalwatch").Embeds.Count);
    }

    [Fact]
    public async Task Post_InvalidJsonOrEmpty_AnswersDiscordsCodes()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var url = server.UrlsFor("watch_out").WebhookUrl;

        using var invalid = await PostAsync(http, url, "{\"embeds\": [");
        using var empty = await PostAsync(http, url, "{\"embeds\": []}");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("\"code\":50109", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("\"code\":50006", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitEveryNth_Answers429WithFractionalResetAfter()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        server.Discord.RateLimitEveryNth(3, retryAfterSeconds: 0.35);
        var url = server.UrlsFor("juwelier_exchange").WebhookUrl;

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await PostAsync(http, url, ValidMessage());
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && limited is null)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using (limited)
        {
            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], statuses);
            Assert.Equal("0.35", Header(limited!, "X-RateLimit-Reset-After"));
            Assert.Equal("1", Header(limited!, "Retry-After"));
            Assert.Equal("0", Header(limited!, "X-RateLimit-Remaining"));
            using var body = JsonDocument.Parse(await limited!.Content.ReadAsStringAsync());
            Assert.Equal("You are being rate limited.", body.RootElement.GetProperty("message").GetString());
            Assert.Equal(0.35, body.RootElement.GetProperty("retry_after").GetDouble());
            Assert.False(body.RootElement.GetProperty("global").GetBoolean());
        }

        Assert.Equal(4, server.Discord.Webhook("juwelier_exchange").Stats.Accepted);
        Assert.Equal(2, server.Discord.Webhook("juwelier_exchange").Stats.RateLimited);
    }

    [Fact]
    public async Task RateLimitFraction_SameSeed_RefusesTheSamePosts()
    {
        async Task<List<bool>> RunAsync()
        {
            await using var server = await FakeSitesServer.StartAsync();
            using var http = new HttpClient();
            server.Discord.RateLimitFraction(0.3, seed: 1234);
            var refused = new List<bool>();
            for (var i = 0; i < 40; i++)
            {
                using var response = await PostAsync(http, server.UrlsFor("rueschenbeck").WebhookUrl, ValidMessage());
                refused.Add(response.StatusCode == HttpStatusCode.TooManyRequests);
            }

            return refused;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(refused => refused), 4, 24);
    }

    [Fact]
    public async Task GlobalRateLimit_RefusesEveryWebhookWithGlobalFlag()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        server.Discord.GlobalRateLimit(times: 2, retryAfterSeconds: 1.5);

        using var first = await PostAsync(http, server.UrlsFor("worldoftime").WebhookUrl, ValidMessage());
        using var second = await PostAsync(http, server.UrlsFor("grimmeissen").WebhookUrl, ValidMessage());
        using var third = await PostAsync(http, server.UrlsFor("grimmeissen").WebhookUrl, ValidMessage());

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal("true", Header(first, "X-RateLimit-Global"));
        Assert.Equal("2", Header(first, "Retry-After"));
        Assert.Contains("\"retry_after\": 1.5, \"global\": true", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
    }

    [Fact]
    public async Task EnforcedBucket_RefusesTheSixthPostInAWindow()
    {
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() });
        using var http = new HttpClient();
        server.Discord.EnforceBucket(limit: 5, TimeSpan.FromSeconds(2));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await PostAsync(http, server.UrlsFor("watch_out").WebhookUrl, ValidMessage());
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NoContent, 5).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    [Fact]
    public async Task ServerErrors_Burst_ThenRecovers()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        server.Discord.ServerErrors(times: 2, statusCode: 502);
        var url = server.UrlsFor("worldoftime").WebhookUrl;

        using var first = await PostAsync(http, url, ValidMessage());
        using var second = await PostAsync(http, url, ValidMessage());
        using var third = await PostAsync(http, url, ValidMessage());

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
        Assert.Equal(1, server.Discord.Webhook("worldoftime").Stats.Accepted);
        Assert.Equal(2, server.Discord.Webhook("worldoftime").Stats.ServerErrors);
    }

    [Fact]
    public async Task DeletedUnauthorizedAndWrongToken_AnswerDiscordsErrors()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var webhook = server.Discord.Webhook("grimmeissen");
        var url = server.UrlsFor("grimmeissen").WebhookUrl;

        webhook.Deleted = true;
        using var deleted = await PostAsync(http, url, ValidMessage());
        webhook.Deleted = false;
        webhook.Unauthorized = true;
        using var unauthorized = await PostAsync(http, url, ValidMessage());
        webhook.Unauthorized = false;
        using var wrongToken = await PostAsync(http, url[..url.LastIndexOf('/')] + "/not-the-token", ValidMessage());
        using var unknownId = await PostAsync(http, server.BaseUrl + "/api/webhooks/42/token", ValidMessage());
        using var restored = await PostAsync(http, url, ValidMessage());

        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal("""{"message": "Unknown Webhook", "code": 10015}""", await deleted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains("50027", await unauthorized.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        Assert.Equal(new WatchMonitor.FakeSites.Discord.WebhookStats(1, 1, 0, 0, 0, 1, 2), webhook.Stats);
    }

    [Fact]
    public async Task WebhookRoute_TakesSiteFaults_BeforeDiscordHandlesThePost()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var url = server.UrlsFor("tropicalwatch").WebhookUrl;
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(503, times: 1), "tropicalwatch");
        server.Faults.Add(FaultRoute.Webhook, Fault.ConnectionReset(times: 1), "tropicalwatch");

        using var unavailable = await PostAsync(http, url + "?wait=true", ValidMessage());
        await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            using var reset = await PostAsync(http, url + "?wait=true", ValidMessage());
            await reset.Content.ReadAsStringAsync();
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        // The reset came after Discord stored the message: the client saw a failure for a delivered message.
        Assert.Single(server.Discord.Webhook("tropicalwatch").Messages);
    }

    [Fact]
    public async Task Messages_AreKeptInABoundedRing()
    {
        await using var server = await FakeSitesServer.StartAsync(options: new FakeSitesOptions { MessagesPerWebhook = 3 });
        using var http = new HttpClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await PostAsync(http, server.UrlsFor("worldoftime").WebhookUrl, $$"""{"content":"message {{i}}"}""");
        }

        var webhook = server.Discord.Webhook("worldoftime");
        Assert.Equal(["message 2", "message 3", "message 4"], webhook.Messages.Select(message => message.Content));
        Assert.Equal(5, webhook.Stats.Accepted);
        Assert.Equal(3, (await webhook.WaitForMessagesAsync(5, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task WebhookClient_OfTheMonitor_IsAcceptedAndReadsTheFractional429()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient();
        var client = new DiscordWebhookClient(http, NullLogger<DiscordWebhookClient>.Instance);
        var message = new DiscordMessage(
        [
            new DiscordEmbed
            {
                Title = "Omega Speedmaster | 311.30.42.30.01.005",
                Url = "https://www.worldoftime.de/Watches/2",
                Color = 0x2F4F4F,
                Footer = new DiscordEmbedFooter("World of Time - Detected: 2026-01-01 12:00:00"),
                Fields = [new DiscordEmbedField("💰 Price:", "**€4.200**", false), new DiscordEmbedField("\u200B", "\u200B", false)],
            },
        ]);

        var delivered = await client.PostAsync(server.UrlsFor("worldoftime").WebhookUrl, message, CancellationToken.None);
        server.Discord.RateLimitEveryNth(1, retryAfterSeconds: 0.5);
        var limited = await client.PostAsync(server.UrlsFor("worldoftime").WebhookUrl, message, CancellationToken.None);
        server.Discord.ClearModes();
        server.Discord.Webhook("worldoftime").Deleted = true;
        var gone = await client.PostAsync(server.UrlsFor("worldoftime").WebhookUrl, message, CancellationToken.None);

        Assert.Equal(WebhookPostOutcome.Delivered, delivered.Outcome);
        Assert.Equal(WebhookPostOutcome.RateLimited, limited.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(0.5), limited.RetryAfter);
        Assert.Equal(WebhookPostOutcome.WebhookGone, gone.Outcome);
        Assert.Equal("Omega Speedmaster | 311.30.42.30.01.005", Assert.Single(server.Discord.Webhook("worldoftime").Embeds).Title);
    }

    [Fact]
    public async Task HttpDiscordApi_SetsModesAndListsMessages()
    {
        await using var server = await FakeSitesServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        using var posted = await PostAsync(http, server.UrlsFor("grimmeissen").WebhookUrl, ValidMessage());
        var messages = await http.GetStringAsync("/_scenario/discord/grimmeissen/messages");
        using var every = await http.PostAsync("/_scenario/discord/rate-limit/every?n=1&retryAfter=0.25", null);
        using var limited = await PostAsync(http, server.UrlsFor("grimmeissen").WebhookUrl, ValidMessage());
        using var cleared = await http.DeleteAsync("/_scenario/discord/modes");
        using var deleted = await http.PostAsync("/_scenario/discord/grimmeissen/deleted", null);
        using var gone = await PostAsync(http, server.UrlsFor("grimmeissen").WebhookUrl, ValidMessage());
        var stats = await http.GetStringAsync("/_scenario/discord");

        Assert.Contains("\"title\":\"Rolex Submariner Date | 116610LN\"", messages, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, every.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0.25", Header(limited, "X-RateLimit-Reset-After"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("\"deleted\":true", stats, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.PostAsync(url, content);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // The embed the monitor sends for a new watch (docs/parsing-rules.md#discord-embed).
    private static string ValidMessage() => new JsonObject
    {
        ["embeds"] = new JsonArray(new JsonObject
        {
            ["title"] = "Rolex Submariner Date | 116610LN",
            ["url"] = "https://www.worldoftime.de/Watches/1",
            ["color"] = 3100495,
            ["footer"] = new JsonObject { ["text"] = "World of Time - Detected: 2026-01-01 12:00:00" },
            ["image"] = new JsonObject { ["url"] = "https://img.example/1.jpg" },
            ["fields"] = new JsonArray(
                Field("💰 Price:", "**€12.500**", false),
                Field("🔍 Chrono24 Search:", "[**Search similar**](https://www.chrono24.de/search/index.htm?dosearch=true&query=Rolex+Submariner+Date+116610LN&sortorder=1)", false),
                Field("\u200B", "\u200B", false),
                Field("🗓️ Year:", "**2015**", true)),
        }),
    }.ToJsonString();

    private static JsonObject Field(string name, string value, bool inline) => new() { ["name"] = name, ["value"] = value, ["inline"] = inline };

    // TITLE250 → 250 × "t", FIELDS26 → 26 fields, EMBEDS11 → 11 small embeds, and so on.
    private static string Expand(string template)
    {
        var text = template;
        foreach (var (token, letter) in new[] { ("TITLE", 't'), ("DESC", 'd'), ("NAME", 'n'), ("VALUE", 'v'), ("FOOTER", 'f'), ("CONTENT", 'c') })
        {
            for (var index = text.IndexOf(token, StringComparison.Ordinal); index >= 0; index = text.IndexOf(token, StringComparison.Ordinal))
            {
                var end = index + token.Length;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                var count = int.Parse(text.AsSpan(index + token.Length, end - index - token.Length), CultureInfo.InvariantCulture);
                text = string.Concat(text.AsSpan(0, index), new string(letter, count), text.AsSpan(end));
            }
        }

        return text
            .Replace("FIELDS26", string.Join(',', Enumerable.Range(0, 26).Select(i => $$"""{"name":"n{{i}}","value":"v"}""")), StringComparison.Ordinal)
            .Replace("FIELDS25", string.Join(',', Enumerable.Range(0, 25).Select(i => $$"""{"name":"n{{i}}","value":"v"}""")), StringComparison.Ordinal)
            .Replace("EMBEDS11", string.Join(',', Enumerable.Repeat("""{"title":"t"}""", 11)), StringComparison.Ordinal)
            .Replace("EMBEDS10", string.Join(',', Enumerable.Repeat("""{"title":"t"}""", 10)), StringComparison.Ordinal);
    }
}
