using System.Text.Json;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Channels.Slack;

/// <summary>
/// A Slack incoming webhook: a section with the linked title, price and site, and an image block with the picture.
/// Text is escaped (&amp;, &lt;, &gt;), so a title cannot form a link or a mention such as <c>&lt;!channel&gt;</c>.
/// </summary>
public sealed class SlackSender(ChannelHttp http) : IChannelSender
{
    /// <summary>The most characters Slack takes in one section block's text.</summary>
    public const int SectionLength = 3000;

    public DestinationKind Kind => DestinationKind.Slack;

    public bool CanSend(PendingNotification notification) => notification?.Event is not null;

    public int CountForOnePost(DeliveryDestination destination, IReadOnlyList<PendingNotification> due) => 1;

    public async Task<WebhookPostResult> SendAsync(DeliveryDestination destination, IReadOnlyList<PendingNotification> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batch);
        var notification = batch[0].Event!;
        var body = JsonBody.Write(json => Write(json, notification));
        using var request = new HttpRequestMessage(HttpMethod.Post, destination.Address.Endpoint) { Content = ChannelHttp.Json(body) };
        return await http.SendAsync(request, destination.Address.Masked, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"&lt;@U1&gt; &amp; co" → "&amp;lt;@U1&amp;gt; &amp;amp; co".</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>
    /// The message's escaped lines packed into section texts of at most <see cref="SectionLength"/> characters each,
    /// split between lines (a digest's long list becomes several sections).
    /// </summary>
    public static IReadOnlyList<string> Sections(Events.NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return Sections("*" + Escape(NotificationText.Title(notification)) + "*", notification);
    }

    private static List<string> Sections(string heading, Events.NotificationEvent notification)
    {
        var lines = new List<string> { heading };
        lines.AddRange(NotificationText.Summary(notification).Split('\n').Select(Escape));
        lines.Add("_" + Escape(NotificationText.Source(notification)) + "_");
        var sections = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var piece in lines.SelectMany(Pieces))
        {
            if (current.Length > 0 && current.Length + 1 + piece.Length > SectionLength)
            {
                sections.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? "\n" : "").Append(piece);
        }

        sections.Add(current.ToString());
        return sections;
    }

    /// <summary>A line longer than a section, cut without splitting an escape such as &amp;amp;.</summary>
    private static IEnumerable<string> Pieces(string line)
    {
        var start = 0;
        while (line.Length - start > SectionLength)
        {
            var end = start + SectionLength;
            var entity = line.LastIndexOf('&', end - 1, Math.Min(4, end - start));
            if (entity > start && line.IndexOf(';', entity) >= end)
            {
                end = entity;
            }

            yield return line[start..end];
            start = end;
        }

        yield return line[start..];
    }

    private static void Write(Utf8JsonWriter json, Events.NotificationEvent notification)
    {
        var title = NotificationText.Title(notification);
        var link = NotificationText.Link(notification);
        var heading = link is null ? "*" + Escape(title) + "*" : $"*<{link.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}|{Escape(title)}>*";
        json.WriteString("text", title + " – " + NotificationText.Summary(notification));
        json.WriteStartArray("blocks");
        foreach (var section in Sections(heading, notification))
        {
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", section);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (notification.Listing?.Image is { } image)
        {
            json.WriteStartObject();
            json.WriteString("type", "image");
            json.WriteString("image_url", image);
            json.WriteString("alt_text", title.Length <= 2000 ? title : title[..2000]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
