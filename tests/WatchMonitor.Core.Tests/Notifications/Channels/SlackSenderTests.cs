using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Channels.Slack;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Digests;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Core.Tests.Notifications.Channels;

public sealed class SlackSenderTests
{
    [Fact]
    public async Task SendAsync_DigestWhoseEscapedTextExceedsASection_SplitsItIntoSectionsWithinSlacksLimit()
    {
        // Each '&' grows fivefold when escaped, so a digest within the text budget grows past 3000 characters.
        var entries = Enumerable.Range(0, 60).Select(number => new DigestLine($"Rolex && <Sub> {number} " + new string('&', 40), "€1.000", "A & B", $"https://example.test/{number}")).ToList();
        var digest = DigestComposer.Compose("daily", entries, 0, DateTimeOffset.UnixEpoch)!;
        var handler = new CapturingHandler();
        using var client = new HttpClient(handler);
        var sender = new SlackSender(new ChannelHttp(client, NullLogger<ChannelHttp>.Instance));
        Assert.True(DestinationAddress.TryParse("https://hooks.slack.com/services/T0001/B0002/secret", out var address, out _));
        var destination = new DeliveryDestination(address, "", [], null, () => { });
        var message = new QueuedMessage(1, address.Key, "digest", "daily@1", NotificationKind.Digest, digest.ToJson(), DateTimeOffset.UnixEpoch, 0, DateTimeOffset.UnixEpoch, NotificationEvent.Format);

        await sender.SendAsync(destination, [new PendingNotification(message, digest, null)], CancellationToken.None);

        using var body = JsonDocument.Parse(handler.Body!);
        var sections = body.RootElement.GetProperty("blocks").EnumerateArray()
            .Where(block => block.GetProperty("type").GetString() == "section")
            .Select(block => block.GetProperty("text").GetProperty("text").GetString()!).ToList();
        Assert.True(sections.Count > 1, $"{sections.Count} section(s)");
        Assert.All(sections, section => Assert.InRange(section.Length, 1, SlackSender.SectionLength));
        var expected = SlackSender.Escape(NotificationText.Summary(digest));
        Assert.Equal($"*{SlackSender.Escape(NotificationText.Title(digest))}*\n{expected}\n_{SlackSender.Escape(digest.SiteName)}_", string.Join('\n', sections));
        Assert.DoesNotContain(sections, section => section.Contains("<Sub>", StringComparison.Ordinal));
    }

    [Fact]
    public void Sections_OneLineLongerThanASection_IsCutBetweenEscapes()
    {
        var notification = new NotificationEvent
        {
            Kind = EventKinds.Digest,
            Site = "digest",
            SiteName = "Digest",
            DetectedAt = DateTimeOffset.UnixEpoch,
            Title = "t",
            Text = new string('&', 1000),
        };

        var sections = SlackSender.Sections(notification);

        Assert.All(sections, section => Assert.InRange(section.Length, 1, SlackSender.SectionLength));
        Assert.All(sections.Skip(1).SkipLast(1), section => Assert.Matches("^(&amp;)+$", section));
        Assert.Equal(1000, string.Concat(sections).Split("&amp;").Length - 1);
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }
}
